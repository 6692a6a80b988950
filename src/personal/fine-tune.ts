/**
 * Personalises the general model: the conv trunk stays frozen and the dense head is trained
 * on the user's samples, from the general weights. Each sample's trunk features are computed
 * once (plus a few augmented views) and cached, so an epoch costs only the head.
 */
import * as tf from '@tensorflow/tfjs';
import { FEATURE_SIZE, NUM_CLASSES } from '../model/architecture';
import { classificationReport, type ClassificationReport } from '../training/metrics';
import { EarlyStopping } from './early-stopping';
import { FeatureCache, type SampleImage } from './feature-cache';
import { HeadTrainer } from './head-trainer';
import { headOf } from './personal-model';
import { predictRows } from './predict-rows';
import { splitByCaptureTime } from './time-split';

export const FINE_TUNE_DEFAULTS = {
  /** The original study's defaults: */
  learningRate: 1e-3,
  batchSize: 32,
  trainRatio: 0.8,
  minDelta: 1e-5,
  /** Upper bound; early stopping usually ends training first. */
  epochs: 30,
  patience: 2,
  /** Views per training sample: as captured, mirrored, then random small warps. */
  augmentedViews: 8,
  labelSmoothing: 0.1,
  /**
   * Weight of the pull towards the general head (sum of squared weight changes). With one
   * photo per expression the head would otherwise forget what FER-2013 taught it.
   */
  anchorWeight: 1e-3,
  seed: 1,
};
export type FineTuneSettings = typeof FINE_TUNE_DEFAULTS;

export interface LabelledSample extends SampleImage {
  label: number;
  capturedAt: number;
}

export interface EpochMetrics {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  /** NaN when there is no held-out sample. */
  validLoss: number;
  validAccuracy: number;
}

export interface FineTuneResult {
  /** The head of the best epoch (lowest monitored loss). The caller disposes it. */
  head: tf.LayersModel;
  history: EpochMetrics[];
  bestEpoch: number;
  stoppedEarly: boolean;
  trainCount: number;
  validCount: number;
  /** Both models on the held-out samples; null without any. */
  general: ClassificationReport | null;
  personal: ClassificationReport | null;
}

export interface FineTuneHooks {
  onEpoch?: (metrics: EpochMetrics) => void;
  /** Checked between batches; when aborted, training stops and the promise rejects. */
  signal?: AbortSignal;
}

function headReport(head: tf.LayersModel, features: Float32Array, labels: Int32Array)
  : ClassificationReport {
  return classificationReport(predictRows(head, features, labels.length, [FEATURE_SIZE],
    NUM_CLASSES), labels);
}

export async function fineTuneHead(
  general: tf.LayersModel, cache: FeatureCache, samples: LabelledSample[],
  options: Partial<FineTuneSettings> = {}, hooks: FineTuneHooks = {},
): Promise<FineTuneResult> {
  const s = { ...FINE_TUNE_DEFAULTS, ...options };
  if (samples.length === 0) throw new Error('No samples to train on: capture or import some.');
  const { train, valid } = splitByCaptureTime(samples, s.trainRatio);

  const trainFeatures = cache.features(train, s.augmentedViews);
  const trainLabels = Int32Array.from(train.flatMap((x) => Array(s.augmentedViews)
    .fill(x.label)));
  const validFeatures = cache.features(valid, 1);
  const validLabels = Int32Array.from(valid.map((x) => x.label));

  const trainer = new HeadTrainer(general, s);
  const { head } = trainer;
  const stopper = new EarlyStopping({ minDelta: s.minDelta, patience: s.patience });
  const history: EpochMetrics[] = [];
  let best: tf.Tensor[] = head.getWeights().map((w) => w.clone());
  let stoppedEarly = false;

  try {
    for (let epoch = 1; epoch <= s.epochs; epoch++) {
      const r = await trainer.trainEpoch(trainFeatures, trainLabels, hooks.signal);
      const validReport = valid.length > 0 ? trainer.report(validFeatures, validLabels) : null;
      const metrics: EpochMetrics = { epoch, trainLoss: r.loss, trainAccuracy: r.accuracy,
        validLoss: validReport?.loss ?? Number.NaN,
        validAccuracy: validReport?.accuracy ?? Number.NaN };
      history.push(metrics);
      hooks.onEpoch?.(metrics);
      // Validation loss when there is a held-out set, as the study's "loss" otherwise.
      const stop = stopper.update(epoch, validReport ? metrics.validLoss : metrics.trainLoss);
      if (stopper.isBest(epoch)) {
        tf.dispose(best);
        best = head.getWeights().map((w) => w.clone());
      }
      if (stop) {
        stoppedEarly = epoch < s.epochs;
        break;
      }
      await tf.nextFrame();
    }
    head.setWeights(best);
    trainer.dispose({ keepHead: true });
  } catch (e) {
    trainer.dispose();
    throw e;
  } finally {
    tf.dispose(best);
  }

  let generalReport: ClassificationReport | null = null;
  if (valid.length > 0) {
    const generalHead = headOf(general);
    generalReport = headReport(generalHead, validFeatures, validLabels);
    generalHead.dispose();
  }
  return {
    head, history, bestEpoch: stopper.bestEpoch, stoppedEarly,
    trainCount: train.length, validCount: valid.length, general: generalReport,
    personal: valid.length > 0 ? headReport(head, validFeatures, validLabels) : null,
  };
}
