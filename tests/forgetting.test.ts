import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../src/data/augment';
import { parseFerCsvText } from '../src/data/fer-csv';
import { forgettingCsv, runForgettingExperiment } from '../src/experiments/forgetting';
import { buildExpressionModel } from '../src/model/architecture';
import { FeatureCache } from '../src/personal/feature-cache';
import { trunkOf } from '../src/personal/personal-model';
import { useBackend } from './helpers/backends';
import { classPattern, makeFerCsv } from './helpers/fer-csv-fixture';

const random = seededRandom(3);
const samples = [1, 2].flatMap((label, c) => Array.from({ length: 5 }, (_, i) => ({
  id: c * 5 + i, label, capturedAt: i, pixels: Uint8Array.from(classPattern(label, random)) })));
const fer = parseFerCsvText(makeFerCsv({ perClass: { Training: 3, PrivateTest: 2 } }));

describe('forgetting experiment', () => {
  beforeAll(() => useBackend('wasm'));

  it('produces both curves, epoch 0 to N, for the user and FER-2013', async () => {
    const general = buildExpressionModel({ seed: 2 });
    const cache = new FeatureCache(trunkOf(general), 'g');
    const before = tf.memory().numTensors;
    const result = await runForgettingExperiment(general, cache, samples,
      { training: fer.splits.Training, privateTest: fer.splits.PrivateTest },
      { epochs: 3, augmentedViews: 2, ferTrainingImages: 20 });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.userHeldOut).toBe(2);
    expect(result.ferTestImages).toBe(14);
    for (const mode of ['head-only', 'joint']) {
      const curve = result.points.filter((p) => p.mode === mode);
      expect(curve.map((p) => p.epoch)).toEqual([0, 1, 2, 3]);
      for (const p of curve) {
        expect(p.userAccuracy).toBeGreaterThanOrEqual(0);
        expect(p.ferAccuracy).toBeLessThanOrEqual(1);
      }
      // Fine-tuning on the user's expressions does not make them harder to tell apart.
      expect(curve[3].userAccuracy).toBeGreaterThanOrEqual(curve[0].userAccuracy);
    }
    const csv = forgettingCsv(result).trim().split('\n');
    expect(csv[0]).toBe('mode,epoch,user_accuracy,fer2013_privatetest_accuracy');
    expect(csv).toHaveLength(9);
    general.dispose();
  });
});
