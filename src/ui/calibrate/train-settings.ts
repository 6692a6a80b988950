/**
 * The fine-tune settings the Personalise tab lets the user edit, how they are kept between
 * visits (one row of the storage module's settings store), and the full settings a run
 * used, which the model card records so that the run can be repeated.
 */
import { FINE_TUNE_DEFAULTS, type FineTuneSettings } from '../../personal/fine-tune';

export type EditableSettings = Pick<FineTuneSettings,
  'learningRate' | 'epochs' | 'batchSize' | 'trainRatio' | 'minDelta'>;

/** Settings-store key of the last edited values. */
export const TRAIN_SETTINGS_KEY = 'fineTuneSettings';

export const EDITABLE_KEYS: readonly (keyof EditableSettings)[] = [
  'learningRate', 'epochs', 'batchSize', 'trainRatio', 'minDelta',
];

export function defaultEditable(): EditableSettings {
  const { learningRate, epochs, batchSize, trainRatio, minDelta } = FINE_TUNE_DEFAULTS;
  return { learningRate, epochs, batchSize, trainRatio, minDelta };
}

/**
 * Stored values back as settings. Each field that is missing, not a finite number or
 * negative (an older version, a hand-edited database) falls back to its default alone, so
 * one bad value does not discard the others.
 */
export function restoreEditable(stored: unknown): EditableSettings {
  const restored = defaultEditable();
  if (typeof stored !== 'object' || stored === null) return restored;
  const record = stored as Record<string, unknown>;
  for (const key of EDITABLE_KEYS) {
    const value = record[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
      restored[key] = value;
    }
  }
  return restored;
}

/** Every setting a run used: the defaults the worker fills in, overridden by the edits. */
export function effectiveSettings(edited: Partial<FineTuneSettings>): FineTuneSettings {
  return { ...FINE_TUNE_DEFAULTS, ...edited };
}
