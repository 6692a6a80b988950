import { describe, expect, it } from 'vitest';
import {
  frameRect, intersectionOverUnion, isTooSmall, mirrorRect, readBackRegion, squareFaceCrop,
} from './geometry';

describe('face geometry', () => {
  it('makes a square crop centred on the box with a margin on each side', () => {
    const crop = squareFaceCrop(frameRect({ x: 100, y: 50, width: 80, height: 100 }), 0.25);
    expect(crop).toEqual({ x: 65, y: 25, width: 150, height: 150 });
  });

  it('keeps crops that run past the frame edge centred (sampling clamps instead)', () => {
    const crop = squareFaceCrop(frameRect({ x: 0, y: 0, width: 40, height: 40 }), 0.5);
    expect(crop).toEqual({ x: -20, y: -20, width: 80, height: 80 });
  });

  it('mirrors a box across the frame for a selfie preview', () => {
    const frame = { width: 640, height: 480 };
    const box = frameRect({ x: 100, y: 20, width: 50, height: 60 });
    expect(mirrorRect(box, frame)).toEqual({ x: 490, y: 20, width: 50, height: 60 });
    // A face on the left of the camera frame appears on the right of the mirrored view.
    expect(mirrorRect(box, frame).x + 25).toBeGreaterThan(frame.width / 2);
  });

  it('flags faces too small to classify', () => {
    expect(isTooSmall({ x: 0, y: 0, width: 30, height: 80 })).toBe(true);
    expect(isTooSmall({ x: 0, y: 0, width: 60, height: 80 })).toBe(false);
  });

  it('measures box overlap', () => {
    const a = { x: 0, y: 0, width: 10, height: 10 };
    expect(intersectionOverUnion(a, a)).toBe(1);
    expect(intersectionOverUnion(a, { x: 5, y: 0, width: 10, height: 10 })).toBeCloseTo(1 / 3);
    expect(intersectionOverUnion(a, { x: 20, y: 0, width: 5, height: 5 })).toBe(0);
  });

  describe('read-back region for a crop', () => {
    const frame = { width: 640, height: 480 };

    it('covers every pixel a bilinear sample inside the rect may touch', () => {
      // floor(10.5) = 10 to ceil(40.5) + 1 = 42; floor(20.25) = 20 to ceil(60.25) + 1 = 62.
      expect(readBackRegion({ x: 10.5, y: 20.25, width: 30, height: 40 }, frame)).toEqual({
        region: { x: 10, y: 20, width: 32, height: 42 },
        rectInRegion: { x: 0.5, y: 0.25, width: 30, height: 40 },
      });
    });

    it('clamps at the top-left edge and keeps the rect where it was relative to it', () => {
      expect(readBackRegion({ x: -20, y: -10, width: 80, height: 80 }, frame)).toEqual({
        region: { x: 0, y: 0, width: 61, height: 71 },
        rectInRegion: { x: -20, y: -10, width: 80, height: 80 },
      });
    });

    it('clamps at the bottom-right edge', () => {
      expect(readBackRegion({ x: 600, y: 450, width: 80, height: 80 }, frame)).toEqual({
        region: { x: 600, y: 450, width: 40, height: 30 },
        rectInRegion: { x: 0, y: 0, width: 80, height: 80 },
      });
    });

    it('reads the whole frame for a rect that is the frame', () => {
      expect(readBackRegion({ x: 0, y: 0, width: 640, height: 480 }, frame).region)
        .toEqual({ x: 0, y: 0, width: 640, height: 480 });
    });

    it('never returns an empty region, even for a rect wholly outside the frame', () => {
      // getImageData throws on a zero width or height.
      expect(readBackRegion({ x: 700, y: -100, width: 10, height: 10 }, frame)).toEqual({
        region: { x: 639, y: 0, width: 1, height: 1 },
        rectInRegion: { x: 61, y: -100, width: 10, height: 10 },
      });
    });
  });
});
