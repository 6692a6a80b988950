/**
 * Random geometric augmentation of 48x48 grayscale faces: horizontal flip, rotation, zoom
 * and shift, sampled bilinearly with edges clamped. Pure functions over typed arrays.
 */
export const AUGMENT_DEFAULTS = {
  flipProbability: 0.5,
  maxRotationDeg: 10,
  maxZoomRatio: 0.1,
  maxShiftPx: 4,
} as const;
export type AugmentOptions = { -readonly [K in keyof typeof AUGMENT_DEFAULTS]: number };

export interface AffineParams {
  flip: boolean;
  rotationRad: number;
  /** Output size / input size: above 1 zooms in. */
  zoom: number;
  shiftXPx: number;
  shiftYPx: number;
}

export const IDENTITY_PARAMS: AffineParams = {
  flip: false, rotationRad: 0, zoom: 1, shiftXPx: 0, shiftYPx: 0,
};

/** Deterministic PRNG (mulberry32): returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sampleAffine(
  random: () => number, options: Partial<AugmentOptions> = {},
): AffineParams {
  const o = { ...AUGMENT_DEFAULTS, ...options };
  const symmetric = (limit: number) => (random() * 2 - 1) * limit;
  return {
    flip: random() < o.flipProbability,
    rotationRad: (symmetric(o.maxRotationDeg) * Math.PI) / 180,
    zoom: 1 + symmetric(o.maxZoomRatio),
    shiftXPx: symmetric(o.maxShiftPx),
    shiftYPx: symmetric(o.maxShiftPx),
  };
}

/**
 * Writes the transformed `src` (size x size bytes, 0-255) into `dst` at `dstOffset` as floats
 * scaled by `scale` (use the model's PIXEL_SCALE). Each output pixel is mapped back into the
 * source through the inverse transform about the image centre.
 */
export function warpInto(
  src: Uint8Array, srcOffset: number, size: number, params: AffineParams,
  dst: Float32Array, dstOffset: number, scale: number,
): void {
  const centre = (size - 1) / 2;
  const cos = Math.cos(params.rotationRad) / params.zoom;
  const sin = Math.sin(params.rotationRad) / params.zoom;
  const last = size - 1;
  for (let y = 0; y < size; y++) {
    const oy = y - centre - params.shiftYPx;
    for (let x = 0; x < size; x++) {
      const ox = x - centre - params.shiftXPx;
      let sx = cos * ox + sin * oy;
      const sy = -sin * ox + cos * oy + centre;
      sx = params.flip ? centre - sx : centre + sx;
      const cx = sx < 0 ? 0 : sx > last ? last : sx;
      const cy = sy < 0 ? 0 : sy > last ? last : sy;
      const x0 = Math.min(Math.floor(cx), last - 1);
      const y0 = Math.min(Math.floor(cy), last - 1);
      const fx = cx - x0;
      const fy = cy - y0;
      const i = srcOffset + y0 * size + x0;
      const top = src[i] + (src[i + 1] - src[i]) * fx;
      const bottom = src[i + size] + (src[i + size + 1] - src[i + size]) * fx;
      dst[dstOffset + y * size + x] = (top + (bottom - top) * fy) * scale;
    }
  }
}
