import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../src/data/augment';
import { buildExpressionModel } from '../src/model/architecture';
import { FeatureCache } from '../src/personal/feature-cache';
import { fineTuneHead, type LabelledSample } from '../src/personal/fine-tune';
import { composePersonalModel, trunkOf } from '../src/personal/personal-model';
import { predictProbabilities } from '../src/training/train-step';
import { useBackend } from './helpers/backends';
import { classPattern } from './helpers/fer-csv-fixture';

const HAPPY = 3;
const SAD = 4;
const random = seededRandom(11);
/** Ten captures per expression, one second apart, as the calibration wizard makes them. */
const samples: LabelledSample[] = [HAPPY, SAD].flatMap((label, c) =>
  Array.from({ length: 10 }, (_, i) => ({ id: c * 10 + i, label, capturedAt: 1000 * i,
    pixels: Uint8Array.from(classPattern(label, random)) })));
const SETTINGS = { epochs: 12, augmentedViews: 2, patience: 4 };

describe('fine-tuning the head on personal samples', () => {
  let general: tf.LayersModel;
  beforeAll(async () => {
    await useBackend('wasm');
    general = buildExpressionModel({ seed: 5 });
  });

  it('tells the user\'s expressions apart where the general model does not', async () => {
    const cache = new FeatureCache(trunkOf(general), 'general');
    const result = await fineTuneHead(general, cache, samples, SETTINGS);
    expect(result.trainCount).toBe(16);
    expect(result.validCount).toBe(4);
    expect(result.personal!.accuracy).toBe(1);
    expect(result.general!.accuracy).toBeLessThan(1);
    expect(result.history.length).toBeGreaterThan(1);
    result.head.dispose();
  });

  it('computes each sample\'s trunk features once across runs', async () => {
    const cache = new FeatureCache(trunkOf(general), 'general');
    (await fineTuneHead(general, cache, samples, { ...SETTINGS, epochs: 1 })).head.dispose();
    // 16 training samples x 2 views, plus 4 held-out samples x 1 view (view 0 is shared).
    expect(cache.computed).toBe(16 * 2 + 4);
    (await fineTuneHead(general, cache, samples, { ...SETTINGS, epochs: 1 })).head.dispose();
    expect(cache.computed).toBe(36);
  });

  it('keeps the tensor count flat across epochs and after the run', async () => {
    const cache = new FeatureCache(trunkOf(general), 'general');
    const before = tf.memory().numTensors;
    const perEpoch: number[] = [];
    const result = await fineTuneHead(general, cache, samples,
      { ...SETTINGS, epochs: 5, patience: 10 },
      { onEpoch: () => perEpoch.push(tf.memory().numTensors) });
    expect(new Set(perEpoch.slice(1)).size).toBe(1);
    result.head.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('can be cancelled without leaking', async () => {
    const cache = new FeatureCache(trunkOf(general), 'general');
    cache.features(samples, 2);
    const before = tf.memory().numTensors;
    const abort = new AbortController();
    await expect(fineTuneHead(general, cache, samples, SETTINGS,
      { signal: abort.signal, onEpoch: () => abort.abort() })).rejects.toThrow(/cancelled/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('puts the trained head back on the general trunk', async () => {
    const cache = new FeatureCache(trunkOf(general), 'general');
    const result = await fineTuneHead(general, cache, samples, SETTINGS);
    const personal = composePersonalModel(general, result.head);
    const images = new Float32Array(samples.length * 2304);
    samples.forEach((s, i) => s.pixels.forEach((v, j) => (images[i * 2304 + j] = v / 255)));
    const probs = predictProbabilities(personal, images, samples.length);
    const predicted = samples.map((_, i) => probs.subarray(i * 7, i * 7 + 7)
      .indexOf(Math.max(...probs.subarray(i * 7, i * 7 + 7))));
    expect(predicted).toEqual(samples.map((s) => s.label));
    personal.dispose();
    result.head.dispose();
  });
});
