/**
 * Checks records before they are written, so a bad row fails the whole write up front
 * instead of landing in the database. A failure here is a bug in the caller, hence plain
 * TypeError/RangeError rather than AppError.
 */
import { NUM_CLASSES } from '../model/architecture';
import { SAMPLE_PIXEL_COUNT, type ModelRecord, type SampleRecord } from './schema';

export type NewSample = Omit<SampleRecord, 'id'>;

/** Returns the row to store: a fresh object, so the caller's sample is never mutated. */
export function checkNewSample(sample: NewSample, position: number): NewSample {
  const where = `addSamples: sample ${position}`;
  const { label, pixels, capturedAt, source, sourceName } = sample;
  if (!Number.isInteger(label) || label < 0 || label >= NUM_CLASSES) {
    throw new RangeError(`${where} has label ${String(label)}; expected an integer class ` +
      `index 0-${NUM_CLASSES - 1} in FER-2013 order (CLASS_NAMES).`);
  }
  if (!(pixels instanceof Uint8Array) || pixels.length !== SAMPLE_PIXEL_COUNT) {
    const got = pixels instanceof Uint8Array ? `${pixels.length} bytes`
      : Object.prototype.toString.call(pixels);
    throw new TypeError(`${where} has pixels of ${got}; expected a Uint8Array of ` +
      `${SAMPLE_PIXEL_COUNT} gray levels (48x48, row-major). Crop with face/grayscale-crop.`);
  }
  if (!Number.isFinite(capturedAt)) {
    throw new TypeError(`${where} has capturedAt ${String(capturedAt)}; expected ms since ` +
      `the epoch, e.g. Date.now().`);
  }
  if (source !== 'camera' && source !== 'import') {
    throw new TypeError(`${where} has source ${String(source)}; expected 'camera' or 'import'.`);
  }
  // Copy the pixels: a view into a larger buffer (a subarray of a frame) would otherwise be
  // stored with its whole underlying buffer, since structured clone keeps the buffer.
  const row: NewSample = { label, pixels: new Uint8Array(pixels), capturedAt, source };
  if (sourceName !== undefined) row.sourceName = String(sourceName);
  return row;
}

export function checkModelRecord(record: ModelRecord): void {
  if (typeof record.id !== 'string' || record.id === '') {
    throw new TypeError(`saveModel: id ${String(record.id)} is not a non-empty string; ` +
      `give each model a unique id, e.g. crypto.randomUUID().`);
  }
  if (typeof record.name !== 'string') {
    throw new TypeError(`saveModel: model ${record.id} has name ${String(record.name)}; ` +
      `expected a string to show in the model list.`);
  }
  if (!Number.isFinite(record.createdAt)) {
    throw new TypeError(`saveModel: model ${record.id} has createdAt ` +
      `${String(record.createdAt)}; expected ms since the epoch, e.g. Date.now().`);
  }
  if (!(record.artifacts?.weightData instanceof ArrayBuffer)) {
    throw new TypeError(`saveModel: model ${record.id} has no ArrayBuffer weightData; ` +
      `concatenate the tfjs weight buffers into one before saving.`);
  }
}
