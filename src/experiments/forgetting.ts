/**
 * The forgetting experiment of the original study: how fine-tuning the head on one person
 * changes accuracy on that person's held-out samples and on FER-2013 PrivateTest, epoch by
 * epoch, with the head trained on the user's samples alone ("head only") or on batches that
 * mix in FER-2013 Training images ("joint"), as the original design proposed.
 */
import type * as tf from '@tensorflow/tfjs';
import { FEATURE_SIZE, INPUT_SIZE_PX, PIXEL_SCALE } from '../model/architecture';
import { seededRandom } from '../data/augment';
import type { SplitData } from '../data/fer-csv';
import type { FeatureCache } from '../personal/feature-cache';
import { FINE_TUNE_DEFAULTS, type LabelledSample } from '../personal/fine-tune';
import { HeadTrainer } from '../personal/head-trainer';
import { predictRows } from '../personal/predict-rows';
import { splitByCaptureTime } from '../personal/time-split';

export const FORGETTING_DEFAULTS = {
  epochs: 10,
  /** FER-2013 Training images drawn once for joint training (features cached). */
  ferTrainingImages: 2000,
  /** FER-2013 rows mixed into each joint epoch per user row. */
  ferRowsPerUserRow: 1,
  augmentedViews: FINE_TUNE_DEFAULTS.augmentedViews,
};
export type ForgettingOptions = typeof FORGETTING_DEFAULTS;

export type ForgettingMode = 'head-only' | 'joint';

export interface ForgettingPoint {
  mode: ForgettingMode;
  epoch: number;
  userAccuracy: number;
  ferAccuracy: number;
}

export interface ForgettingResult {
  points: ForgettingPoint[];
  userHeldOut: number;
  ferTestImages: number;
}

function splitFeatures(trunk: tf.LayersModel, split: SplitData, indices: number[]) {
  const pixels = INPUT_SIZE_PX * INPUT_SIZE_PX;
  const images = new Float32Array(indices.length * pixels);
  indices.forEach((src, i) => {
    for (let j = 0; j < pixels; j++) {
      images[i * pixels + j] = split.pixels[src * pixels + j] * PIXEL_SCALE;
    }
  });
  return {
    features: predictRows(trunk, images, indices.length, [INPUT_SIZE_PX, INPUT_SIZE_PX, 1],
      FEATURE_SIZE),
    labels: Int32Array.from(indices, (i) => split.labels[i]),
  };
}

function concatRows(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export async function runForgettingExperiment(
  general: tf.LayersModel, cache: FeatureCache, samples: LabelledSample[],
  fer: { training: SplitData; privateTest: SplitData },
  options: Partial<ForgettingOptions> = {},
  hooks: { onPoint?: (p: ForgettingPoint) => void; signal?: AbortSignal } = {},
): Promise<ForgettingResult> {
  const o = { ...FORGETTING_DEFAULTS, ...options };
  const { train, valid } = splitByCaptureTime(samples, FINE_TUNE_DEFAULTS.trainRatio);
  if (valid.length === 0) {
    throw new Error('The experiment needs held-out samples: capture at least two samples ' +
      'of an expression.');
  }
  const userTrain = cache.features(train, o.augmentedViews);
  const userTrainLabels = Int32Array.from(train.flatMap((s) =>
    Array(o.augmentedViews).fill(s.label)));
  const userValid = cache.features(valid, 1);
  const userValidLabels = Int32Array.from(valid.map((s) => s.label));
  const test = splitFeatures(cache.trunk, fer.privateTest,
    Array.from({ length: fer.privateTest.count }, (_, i) => i));
  const random = seededRandom(FINE_TUNE_DEFAULTS.seed);
  const drawn = Array.from({ length: Math.min(o.ferTrainingImages, fer.training.count) },
    () => Math.floor(random() * fer.training.count));
  const ferTrain = splitFeatures(cache.trunk, fer.training, drawn);

  const points: ForgettingPoint[] = [];
  for (const mode of ['head-only', 'joint'] as const) {
    const trainer = new HeadTrainer(general, FINE_TUNE_DEFAULTS);
    try {
      for (let epoch = 0; epoch <= o.epochs; epoch++) {
        if (epoch > 0) {
          let features = userTrain;
          let labels = userTrainLabels;
          if (mode === 'joint') {
            const rows = Math.min(ferTrain.labels.length,
              Math.round(userTrainLabels.length * o.ferRowsPerUserRow));
            const start = ((epoch - 1) * rows) % Math.max(1, ferTrain.labels.length - rows + 1);
            features = concatRows(userTrain, ferTrain.features.subarray(start * FEATURE_SIZE,
              (start + rows) * FEATURE_SIZE));
            labels = Int32Array.from([...userTrainLabels,
              ...ferTrain.labels.subarray(start, start + rows)]);
          }
          await trainer.trainEpoch(features, labels, hooks.signal);
        }
        const point = { mode, epoch,
          userAccuracy: trainer.report(userValid, userValidLabels).accuracy,
          ferAccuracy: trainer.report(test.features, test.labels).accuracy };
        points.push(point);
        hooks.onPoint?.(point);
      }
    } finally {
      trainer.dispose();
    }
  }
  return { points, userHeldOut: valid.length, ferTestImages: fer.privateTest.count };
}

export function forgettingCsv(result: ForgettingResult): string {
  const rows = result.points.map((p) =>
    `${p.mode},${p.epoch},${p.userAccuracy.toFixed(4)},${p.ferAccuracy.toFixed(4)}`);
  return ['mode,epoch,user_accuracy,fer2013_privatetest_accuracy', ...rows].join('\n') + '\n';
}
