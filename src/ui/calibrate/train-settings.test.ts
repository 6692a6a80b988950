import { describe, expect, it } from 'vitest';
import { FINE_TUNE_DEFAULTS } from '../../personal/fine-tune';
import { defaultEditable, effectiveSettings, restoreEditable } from './train-settings';

describe('restoreEditable', () => {
  it('gives the defaults when nothing usable was stored', () => {
    expect(restoreEditable(null)).toEqual(defaultEditable());
    expect(restoreEditable('0.01')).toEqual(defaultEditable());
  });

  it('keeps valid stored values and replaces bad ones one by one', () => {
    const restored = restoreEditable({ learningRate: 0.01, epochs: -3, batchSize: '16',
      trainRatio: Number.NaN, minDelta: 0, seed: 7 });
    expect(restored).toEqual({ ...defaultEditable(), learningRate: 0.01, minDelta: 0 });
    expect(restored).not.toHaveProperty('seed');
  });
});

describe('effectiveSettings', () => {
  it('fills in every default the user cannot edit, without mutating the defaults', () => {
    const before = { ...FINE_TUNE_DEFAULTS };
    const settings = effectiveSettings({ ...defaultEditable(), epochs: 5 });
    expect(settings).toEqual({ ...FINE_TUNE_DEFAULTS, epochs: 5 });
    expect(settings.augmentedViews).toBe(FINE_TUNE_DEFAULTS.augmentedViews);
    expect(FINE_TUNE_DEFAULTS).toEqual(before);
  });
});
