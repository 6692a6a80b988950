import { describe, expect, it } from 'vitest';
import { splitByCaptureTime } from './time-split';

const sample = (label: number, capturedAt: number) => ({ label, capturedAt });

describe('splitByCaptureTime', () => {
  it('holds out the latest captures of each expression, as one block', () => {
    const happy = [5, 1, 3, 2, 4, 6, 8, 7, 10, 9].map((t) => sample(3, t));
    const sad = [100, 101, 102, 103, 104].map((t) => sample(4, t));
    const { train, valid } = splitByCaptureTime([...happy, ...sad], 0.8);
    expect(train.filter((s) => s.label === 3).map((s) => s.capturedAt))
      .toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(valid.filter((s) => s.label === 3).map((s) => s.capturedAt)).toEqual([9, 10]);
    expect(valid.filter((s) => s.label === 4).map((s) => s.capturedAt)).toEqual([104]);
    const latestTrain = Math.max(...train.filter((s) => s.label === 4).map((s) => s.capturedAt));
    expect(latestTrain).toBeLessThan(104);
  });

  it('trains on a lone sample and validates at least one of two', () => {
    const { train, valid } = splitByCaptureTime([sample(0, 1), sample(1, 1), sample(1, 2)]);
    expect(train).toEqual([sample(0, 1), sample(1, 1)]);
    expect(valid).toEqual([sample(1, 2)]);
  });

  it('rejects a ratio outside (0, 1]', () => {
    expect(() => splitByCaptureTime([], 0)).toThrow(/trainRatio/);
    expect(splitByCaptureTime([sample(2, 1), sample(2, 2)], 1).valid).toEqual([]);
  });
});
