/**
 * Draws face boxes, the top expression and a small bar chart per face onto the overlay
 * canvas. Boxes arrive in frame pixels; `mirrored` flips them to match a selfie preview.
 * When two models are shown, the second one's top expression is captioned under the box.
 */
import { CLASS_NAMES } from '../model/architecture';
import { mirrorRect, type FrameRect, type Rect, type Size } from '../face/geometry';
import { argMax } from '../training/metrics';

export interface OverlayFace {
  box: FrameRect;
  probabilities: Float32Array | null;
  /** A second model's output for the same face, captioned under the box with its name. */
  second?: { model: string; probabilities: Float32Array } | null;
}

const BAR_WIDTH_PX = 70;
const BAR_HEIGHT_PX = 9;
const COLOUR = '#35d0a5';
const TOO_SMALL_COLOUR = '#f3b341';
const CAPTION_HEIGHT_PX = 22;

export function topExpression(probabilities: Float32Array): { name: string; p: number } {
  const i = argMax(probabilities, 0, probabilities.length);
  return { name: CLASS_NAMES[i], p: probabilities[i] };
}

/** "Happy 81%", or "general: Sad 62%" when `model` names whose prediction it is. */
export function expressionCaption(probabilities: Float32Array, model?: string): string {
  const { name, p } = topExpression(probabilities);
  return `${model ? `${model}: ` : ''}${name} ${Math.round(p * 100)}%`;
}

/** A caption on a dark band whose top edge is at `top`. */
function drawCaption(ctx: CanvasRenderingContext2D, text: string, x: number,
  top: number): void {
  ctx.font = 'bold 16px system-ui, sans-serif';
  ctx.fillStyle = 'rgba(0, 0, 0, 0.6)';
  ctx.fillRect(x, top, ctx.measureText(text).width + 10, CAPTION_HEIGHT_PX);
  ctx.fillStyle = '#fff';
  ctx.fillText(text, x + 5, top + 16);
}

function drawBars(ctx: CanvasRenderingContext2D, probabilities: Float32Array, x: number,
  y: number): void {
  ctx.font = '10px system-ui, sans-serif';
  CLASS_NAMES.forEach((name, i) => {
    const top = y + i * (BAR_HEIGHT_PX + 2);
    ctx.fillStyle = 'rgba(0, 0, 0, 0.55)';
    ctx.fillRect(x, top, BAR_WIDTH_PX + 52, BAR_HEIGHT_PX + 1);
    ctx.fillStyle = COLOUR;
    ctx.fillRect(x + 50, top + 1, BAR_WIDTH_PX * probabilities[i], BAR_HEIGHT_PX - 1);
    ctx.fillStyle = '#fff';
    ctx.fillText(name, x + 2, top + BAR_HEIGHT_PX - 1);
  });
}

/**
 * Draws `faces` and returns their boxes as drawn, in canvas pixels (mirrored when
 * `mirrored`), so that tests can check where a box landed without reading pixels.
 */
export function drawOverlay(
  ctx: CanvasRenderingContext2D, frame: Size, faces: OverlayFace[], mirrored: boolean,
): Rect[] {
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  return faces.map((face) => {
    const r: Rect = mirrored ? mirrorRect(face.box, frame) : face.box;
    ctx.lineWidth = 3;
    ctx.strokeStyle = face.probabilities ? COLOUR : TOO_SMALL_COLOUR;
    ctx.strokeRect(r.x, r.y, r.width, r.height);
    const label = face.probabilities ? expressionCaption(face.probabilities)
      : 'Too small: move closer';
    // Above the box, or at the top of the frame for a face touching it.
    drawCaption(ctx, label, r.x, Math.max(0, r.y - CAPTION_HEIGHT_PX - 2));
    if (face.second) {
      // Under the box, or at the bottom of the frame for a face touching it.
      drawCaption(ctx, expressionCaption(face.second.probabilities, face.second.model), r.x,
        Math.min(frame.height - CAPTION_HEIGHT_PX, r.y + r.height + 2));
    }
    if (face.probabilities) {
      const barsX = r.x + r.width + 6 + 122 > frame.width ? r.x - 128 : r.x + r.width + 6;
      drawBars(ctx, face.probabilities, Math.max(0, barsX), r.y);
    }
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
}
