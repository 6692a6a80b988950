import { describe, expect, it } from 'vitest';
import { frameRect } from '../face/geometry';
import { judgeFrame } from './capture-rules';

const sharpCrop = new Uint8Array(48 * 48).map((_, i) => ((i % 48) + (i / 48 | 0)) % 2 * 255);
const flatCrop = new Uint8Array(48 * 48).fill(128);
const face = (side: number, crop = sharpCrop) =>
  ({ box: frameRect({ x: 10, y: 10, width: side, height: side }), crop });

describe('judgeFrame', () => {
  it('accepts one large, sharp face', () => {
    expect(judgeFrame([face(120)])).toEqual({ ok: true, crop: sharpCrop });
  });

  it('rejects no face, several faces, a small face and a blurred one, saying which', () => {
    expect(judgeFrame([])).toEqual({ ok: false, reason: 'no-face' });
    expect(judgeFrame([face(120), face(100)])).toEqual({ ok: false, reason: 'several-faces' });
    expect(judgeFrame([face(20)])).toEqual({ ok: false, reason: 'too-small' });
    expect(judgeFrame([face(120, flatCrop)])).toEqual({ ok: false, reason: 'blurred' });
  });
});
