/**
 * Turns a region of an RGBA frame into the model's input: a 48x48 grayscale image, 8-bit,
 * row-major (multiply by PIXEL_SCALE for the model). Pure and allocation-light so it can run
 * on every frame.
 */
import { INPUT_SIZE_PX } from '../model/architecture';
import type { Rect } from './geometry';

/** ITU-R BT.601 luma weights, the usual RGB-to-gray conversion for 8-bit images. */
const LUMA = [0.299, 0.587, 0.114] as const;

/** Sub-samples per output pixel and axis are capped: beyond 8 the average barely changes. */
const MAX_SAMPLES_PER_AXIS = 8;

export interface RgbaImage {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

/** Grayscale value at a real-valued position, bilinear, clamped to the image edge. */
function grayAt(image: RgbaImage, x: number, y: number): number {
  const maxX = image.width - 1;
  const maxY = image.height - 1;
  const cx = x < 0 ? 0 : x > maxX ? maxX : x;
  const cy = y < 0 ? 0 : y > maxY ? maxY : y;
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(x0 + 1, maxX);
  const y1 = Math.min(y0 + 1, maxY);
  const fx = cx - x0;
  const fy = cy - y0;
  const luma = (px: number, py: number) => {
    const i = (py * image.width + px) * 4;
    return LUMA[0] * image.data[i] + LUMA[1] * image.data[i + 1] + LUMA[2] * image.data[i + 2];
  };
  const top = luma(x0, y0) + (luma(x1, y0) - luma(x0, y0)) * fx;
  const bottom = luma(x0, y1) + (luma(x1, y1) - luma(x0, y1)) * fx;
  return top + (bottom - top) * fy;
}

/**
 * Resamples `rect` of `image` to size x size gray pixels. Downscaling averages a grid of
 * samples over each output pixel's footprint (a box filter), so small crops of a large
 * frame do not alias; upscaling is bilinear.
 */
export function cropToGrayscale(
  image: RgbaImage, rect: Rect, size = INPUT_SIZE_PX, out = new Uint8Array(size * size),
): Uint8Array {
  const stepX = rect.width / size;
  const stepY = rect.height / size;
  const nx = Math.max(1, Math.min(MAX_SAMPLES_PER_AXIS, Math.round(stepX)));
  const ny = Math.max(1, Math.min(MAX_SAMPLES_PER_AXIS, Math.round(stepY)));
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      let sum = 0;
      for (let sy = 0; sy < ny; sy++) {
        // Sample centres in pixel coordinates: pixel k covers [k, k + 1), centre k + 0.5.
        const y = rect.y + (row + (sy + 0.5) / ny) * stepY - 0.5;
        for (let sx = 0; sx < nx; sx++) {
          const x = rect.x + (col + (sx + 0.5) / nx) * stepX - 0.5;
          sum += grayAt(image, x, y);
        }
      }
      out[row * size + col] = Math.round(sum / (nx * ny));
    }
  }
  return out;
}

/**
 * Variance of a 4-neighbour Laplacian over a gray image: low values mean a blurred crop.
 */
export function sharpness(gray: Uint8Array, size = INPUT_SIZE_PX): number {
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < size - 1; y++) {
    for (let x = 1; x < size - 1; x++) {
      const i = y * size + x;
      const v = 4 * gray[i] - gray[i - 1] - gray[i + 1] - gray[i - size] - gray[i + size];
      sum += v;
      sumSq += v * v;
      n++;
    }
  }
  const mean = sum / n;
  return sumSq / n - mean * mean;
}
