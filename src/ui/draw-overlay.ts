/**
 * Draws face boxes, the top expression and a small bar chart per face onto the overlay
 * canvas. Boxes arrive in frame pixels; `mirrored` flips them to match a selfie preview.
 */
import { CLASS_NAMES } from '../model/architecture';
import { mirrorRect, type FrameRect, type Rect, type Size } from '../face/geometry';
import { argMax } from '../training/metrics';

export interface OverlayFace {
  box: FrameRect;
  probabilities: Float32Array | null;
}

const BAR_WIDTH_PX = 70;
const BAR_HEIGHT_PX = 9;
const COLOUR = '#35d0a5';
const TOO_SMALL_COLOUR = '#f3b341';

export function topExpression(probabilities: Float32Array): { name: string; p: number } {
  const i = argMax(probabilities, 0, probabilities.length);
  return { name: CLASS_NAMES[i], p: probabilities[i] };
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

export function drawOverlay(
  ctx: CanvasRenderingContext2D, frame: Size, faces: OverlayFace[], mirrored: boolean,
): void {
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  for (const face of faces) {
    const r: Rect = mirrored ? mirrorRect(face.box, frame) : face.box;
    ctx.lineWidth = 3;
    ctx.strokeStyle = face.probabilities ? COLOUR : TOO_SMALL_COLOUR;
    ctx.strokeRect(r.x, r.y, r.width, r.height);
    ctx.font = 'bold 16px system-ui, sans-serif';
    const label = face.probabilities
      ? (({ name, p }) => `${name} ${Math.round(p * 100)}%`)(topExpression(face.probabilities))
      : 'Too small: move closer';
    const width = ctx.measureText(label).width + 10;
    ctx.fillStyle = 'rgba(0, 0, 0, 0.6)';
    ctx.fillRect(r.x, Math.max(0, r.y - 24), width, 22);
    ctx.fillStyle = '#fff';
    ctx.fillText(label, r.x + 5, Math.max(16, r.y - 8));
    if (face.probabilities) {
      const barsX = r.x + r.width + 6 + 122 > frame.width ? r.x - 128 : r.x + r.width + 6;
      drawBars(ctx, face.probabilities, Math.max(0, barsX), r.y);
    }
  }
}
