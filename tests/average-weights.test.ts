import { describe, expect, it } from 'vitest';
import { averageWeights, type NamedWeights } from '../src/training/average-weights';

const set = (a: number[], b: number[]): NamedWeights[] => [
  { name: 'dense/kernel', shape: [2, 2], values: Float32Array.from(a) },
  { name: 'dense/bias', shape: [2], values: Float32Array.from(b) },
];

describe('averageWeights', () => {
  it('takes the element-wise mean of every tensor', () => {
    const mean = averageWeights([set([1, 2, 3, 4], [0, 1]), set([3, 2, 1, 0], [1, 1]),
      set([2, 2, 2, 2], [-1, 1])]);
    expect(mean.map((w) => w.name)).toEqual(['dense/kernel', 'dense/bias']);
    expect(Array.from(mean[0].values)).toEqual([2, 2, 2, 2]);
    expect(Array.from(mean[1].values)).toEqual([0, 1]);
    expect(mean[0].shape).toEqual([2, 2]);
  });

  it('leaves its inputs untouched and returns one set unchanged', () => {
    const only = set([1, 2, 3, 4], [5, 6]);
    const mean = averageWeights([only]);
    expect(Array.from(mean[0].values)).toEqual([1, 2, 3, 4]);
    expect(mean[0].values).not.toBe(only[0].values);
  });

  it('refuses sets of different architectures', () => {
    const other = set([1, 2, 3, 4], [5, 6]);
    other[1] = { name: 'dense/bias', shape: [3], values: new Float32Array(3) };
    expect(() => averageWeights([set([1, 2, 3, 4], [5, 6]), other]))
      .toThrow(/set 2 holds dense\/bias \[3\] where the first holds dense\/bias \[2\]/);
    expect(() => averageWeights([set([1, 2, 3, 4], [5, 6]), other.slice(0, 1)]))
      .toThrow(/has 1 tensors; the first has 2/);
    expect(() => averageWeights([])).toThrow(/no weight sets/);
  });
});
