import { describe, expect, it } from 'vitest';
import { cropToGrayscale, sharpness, type RgbaImage } from './grayscale-crop';

function image(width: number, height: number, pixel: (x: number, y: number) => number[]) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([...pixel(x, y), 255], (y * width + x) * 4);
  }
  return { data, width, height } satisfies RgbaImage;
}

describe('cropToGrayscale', () => {
  it('converts colour to 8-bit luma (BT.601)', () => {
    const red = image(4, 4, () => [255, 0, 0]);
    const out = cropToGrayscale(red, { x: 0, y: 0, width: 4, height: 4 }, 2);
    expect(Array.from(out)).toEqual([76, 76, 76, 76]);
  });

  it('keeps row-major layout and orientation', () => {
    // Left half black, right half white; top-left quadrant grey.
    const img = image(96, 96, (x, y) => (x < 48 ? (y < 48 ? [128, 128, 128] : [0, 0, 0])
      : [255, 255, 255]));
    const out = cropToGrayscale(img, { x: 0, y: 0, width: 96, height: 96 });
    expect(out.length).toBe(48 * 48);
    expect(out[0]).toBe(128); // top-left
    expect(out[47]).toBe(255); // top-right
    expect(out[47 * 48]).toBe(0); // bottom-left
  });

  it('averages when downscaling instead of aliasing a fine pattern', () => {
    const stripes = image(480, 480, (x) => (x % 2 === 0 ? [0, 0, 0] : [255, 255, 255]));
    const out = cropToGrayscale(stripes, { x: 0, y: 0, width: 480, height: 480 });
    for (const v of out) expect(Math.abs(v - 127.5)).toBeLessThan(2);
  });

  it('crops the requested region, clamping outside the frame to the edge', () => {
    const img = image(10, 10, (x) => (x < 5 ? [0, 0, 0] : [200, 200, 200]));
    const right = cropToGrayscale(img, { x: 5, y: 0, width: 5, height: 5 }, 5);
    expect(Array.from(right).every((v) => v === 200)).toBe(true);
    const beyond = cropToGrayscale(img, { x: 8, y: 0, width: 10, height: 10 }, 5);
    expect(Array.from(beyond).every((v) => v === 200)).toBe(true);
  });
});

describe('sharpness', () => {
  it('is higher for a sharp edge than for a smooth ramp', () => {
    const edge = new Uint8Array(48 * 48).map((_, i) => (i % 48 < 24 ? 0 : 255));
    const ramp = new Uint8Array(48 * 48).map((_, i) => (i % 48) * 5);
    expect(sharpness(edge)).toBeGreaterThan(10 * sharpness(ramp));
  });
});
