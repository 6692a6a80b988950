import { describe, expect, it } from 'vitest';
import { EarlyStopping } from './early-stopping';

describe('EarlyStopping', () => {
  it('stops after `patience` epochs that improve by less than minDelta', () => {
    const stop = new EarlyStopping({ minDelta: 1e-5, patience: 1 });
    expect(stop.update(0, 1.0)).toBe(false);
    expect(stop.update(1, 0.5)).toBe(false);
    expect(stop.update(2, 0.499995)).toBe(false); // improvement 5e-6 < 1e-5: stale once
    expect(stop.update(3, 0.6)).toBe(true);
    expect(stop.bestEpoch).toBe(1);
    expect(stop.isBest(1)).toBe(true);
  });

  it('with patience 0 stops at the first epoch that does not improve', () => {
    const stop = new EarlyStopping({ patience: 0 });
    expect(stop.update(0, 2)).toBe(false);
    expect(stop.update(1, 2)).toBe(true);
  });

  it('resets the count when the loss improves again', () => {
    const stop = new EarlyStopping({ patience: 1 });
    stop.update(0, 1);
    stop.update(1, 1);
    expect(stop.update(2, 0.9)).toBe(false);
    expect(stop.update(3, 0.95)).toBe(false);
    expect(stop.update(4, 0.95)).toBe(true);
  });
});
