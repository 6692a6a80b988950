/**
 * Trunk features of the user's samples, computed once and reused across fine-tuning runs.
 * The conv trunk is frozen while personalising, so a sample's features only change when the
 * general model does: entries are keyed by model, sample and augmented view.
 */
import type * as tf from '@tensorflow/tfjs';
import { FEATURE_SIZE, INPUT_SIZE_PX, PIXEL_SCALE } from '../model/architecture';
import {
  IDENTITY_PARAMS, sampleAffine, seededRandom, warpInto, type AffineParams,
} from '../data/augment';
import { predictRows } from './predict-rows';

const PIXELS = INPUT_SIZE_PX * INPUT_SIZE_PX;

export interface SampleImage {
  id: number;
  /** 48x48 gray, 8-bit, row-major. */
  pixels: Uint8Array;
}

/**
 * View 0 is the sample as captured, view 1 its mirror image; later views are random small
 * rotations, zooms and shifts (seeded by sample and view, so they are reproducible).
 */
export function viewParams(sampleId: number, view: number): AffineParams {
  if (view === 0) return IDENTITY_PARAMS;
  if (view === 1) return { ...IDENTITY_PARAMS, flip: true };
  return sampleAffine(seededRandom(sampleId * 7919 + view * 104_729));
}

export class FeatureCache {
  private readonly entries = new Map<string, Float32Array>();
  /** Features computed by the trunk so far (cache misses), for tests and diagnostics. */
  computed = 0;

  constructor(readonly trunk: tf.LayersModel, private readonly modelKey: string) {}

  private key(sampleId: number, view: number): string {
    return `${this.modelKey}/${sampleId}/${view}`;
  }

  /**
   * Features [samples.length * views, FEATURE_SIZE], sample-major (all views of sample 0
   * first). Only missing entries go through the trunk, in one batch.
   */
  features(samples: SampleImage[], views: number): Float32Array {
    const missing: { sample: SampleImage; view: number }[] = [];
    for (const sample of samples) {
      for (let v = 0; v < views; v++) {
        if (!this.entries.has(this.key(sample.id, v))) missing.push({ sample, view: v });
      }
    }
    if (missing.length > 0) this.compute(missing);
    const out = new Float32Array(samples.length * views * FEATURE_SIZE);
    samples.forEach((sample, i) => {
      for (let v = 0; v < views; v++) {
        out.set(this.entries.get(this.key(sample.id, v))!, (i * views + v) * FEATURE_SIZE);
      }
    });
    return out;
  }

  private compute(items: { sample: SampleImage; view: number }[]): void {
    const images = new Float32Array(items.length * PIXELS);
    items.forEach(({ sample, view }, i) => warpInto(sample.pixels, 0, INPUT_SIZE_PX,
      viewParams(sample.id, view), images, i * PIXELS, PIXEL_SCALE));
    const features = predictRows(this.trunk, images, items.length,
      [INPUT_SIZE_PX, INPUT_SIZE_PX, 1], FEATURE_SIZE);
    items.forEach(({ sample, view }, i) => this.entries.set(this.key(sample.id, view),
      features.slice(i * FEATURE_SIZE, (i + 1) * FEATURE_SIZE)));
    this.computed += items.length;
  }

  /** Forgets a deleted sample's features. */
  forget(sampleId: number): void {
    for (const key of this.entries.keys()) {
      if (key.startsWith(`${this.modelKey}/${sampleId}/`)) this.entries.delete(key);
    }
  }
}
