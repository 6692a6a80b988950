/**
 * Face-box geometry. Boxes are in pixels of the *unmirrored* camera frame, as the detector
 * reports them; the mirrored (selfie) preview is a display concern, converted only when
 * drawing. The brand keeps the two spaces from being mixed up.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export type FrameRect = Rect & { readonly __space: 'frame' };
export type MirroredRect = Rect & { readonly __space: 'mirrored' };

export interface Size {
  width: number;
  height: number;
}

/**
 * Extra context around the detector's box, as a fraction of its larger side. MediaPipe's box
 * runs from the brows to the chin; FER-2013 faces include the forehead and a little around.
 */
export const FACE_MARGIN_RATIO = 0.25;

/** Below this face size (pixels of the frame) the 48x48 crop would be mostly upsampling. */
export const MIN_FACE_SIDE_PX = 40;

export const frameRect = (r: Rect) => ({ ...r }) as FrameRect;

/**
 * A square around the face with `marginRatio` of margin on each side, centred on the box.
 * It may extend past the frame: sampling clamps to the edge so the face stays centred.
 */
export function squareFaceCrop(box: FrameRect, marginRatio = FACE_MARGIN_RATIO): FrameRect {
  const side = Math.max(box.width, box.height) * (1 + 2 * marginRatio);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return frameRect({ x: cx - side / 2, y: cy - side / 2, width: side, height: side });
}

/** Where a frame rectangle appears in a horizontally mirrored view of the frame. */
export function mirrorRect(rect: FrameRect, frame: Size): MirroredRect {
  return { x: frame.width - rect.x - rect.width, y: rect.y, width: rect.width,
    height: rect.height } as MirroredRect;
}

export interface ReadBack {
  /** Whole pixels of the frame to read back, inside the frame and at least 1x1. */
  region: Rect;
  /** The requested rectangle in the region's pixels (it may extend past the region). */
  rectInRegion: Rect;
}

/**
 * Which whole pixels of a `frame` to read back to sample `rect`, and `rect` moved into that
 * region's coordinates. Reading only this region, not the whole frame, keeps the GPU-to-CPU
 * copy small. Bilinear samples at the right and bottom edges touch the pixel after
 * ceil(x + width), hence the +1; the region is clamped to the frame (sampling clamps to the
 * edge, see `squareFaceCrop`) and is never empty, since getImageData rejects a zero size.
 */
export function readBackRegion(rect: Rect, frame: Size): ReadBack {
  const x0 = Math.max(0, Math.min(frame.width - 1, Math.floor(rect.x)));
  const y0 = Math.max(0, Math.min(frame.height - 1, Math.floor(rect.y)));
  const x1 = Math.max(x0 + 1, Math.min(frame.width, Math.ceil(rect.x + rect.width) + 1));
  const y1 = Math.max(y0 + 1, Math.min(frame.height, Math.ceil(rect.y + rect.height) + 1));
  return {
    region: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
    rectInRegion: { ...rect, x: rect.x - x0, y: rect.y - y0 },
  };
}

export function isTooSmall(box: Rect, minSidePx = MIN_FACE_SIDE_PX): boolean {
  return Math.min(box.width, box.height) < minSidePx;
}

export function intersectionOverUnion(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const overlap = w * h;
  return overlap / (a.width * a.height + b.width * b.height - overlap);
}
