import { describe, expect, it } from 'vitest';
import { frameRect } from '../face/geometry';
import { exponentialAverage, FaceTracker } from './face-tracker';

const box = (x: number) => frameRect({ x, y: 0, width: 100, height: 100 });
const probs = (...v: number[]) => Float32Array.from(v);

describe('FaceTracker', () => {
  it('averages a face over frames and follows it as it moves', () => {
    const tracker = new FaceTracker({ smoothingAlpha: 0.5 });
    const [first] = tracker.update([{ box: box(0), probabilities: probs(1, 0) }]);
    expect(Array.from(first.probabilities)).toEqual([1, 0]);
    const [second] = tracker.update([{ box: box(10), probabilities: probs(0, 1) }]);
    expect(second.id).toBe(first.id);
    expect(Array.from(second.probabilities)).toEqual([0.5, 0.5]);
  });

  it('keeps separate faces apart and starts new faces unsmoothed', () => {
    const tracker = new FaceTracker({ smoothingAlpha: 0.5 });
    tracker.update([{ box: box(0), probabilities: probs(1, 0) }]);
    const faces = tracker.update([
      { box: box(400), probabilities: probs(0, 1) },
      { box: box(5), probabilities: probs(0, 1) },
    ]);
    expect(Array.from(faces[0].probabilities)).toEqual([0, 1]);
    expect(Array.from(faces[1].probabilities)).toEqual([0.5, 0.5]);
    expect(faces[0].id).not.toBe(faces[1].id);
  });

  it('drops faces that left the frame', () => {
    const tracker = new FaceTracker();
    const [a] = tracker.update([{ box: box(0), probabilities: probs(1, 0) }]);
    tracker.update([]);
    const [b] = tracker.update([{ box: box(0), probabilities: probs(0, 1) }]);
    expect(b.id).not.toBe(a.id);
  });

  it('exponentialAverage weights the newest value by alpha', () => {
    expect(Array.from(exponentialAverage(probs(0, 1), probs(1, 0), 0.25))).toEqual([0.25, 0.75]);
  });
});
