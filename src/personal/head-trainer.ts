/**
 * Trains the dense head on cached trunk features, one epoch at a time. Shared by the
 * personalising run and the forgetting experiment, which only differ in what they feed it
 * and when they stop.
 */
import * as tf from '@tensorflow/tfjs';
import { FEATURE_SIZE, NUM_CLASSES } from '../model/architecture';
import { seededRandom } from '../data/augment';
import { classificationReport, type ClassificationReport } from '../training/metrics';
import { TrainStep } from '../training/train-step';
import { headOf } from './personal-model';
import { predictRows } from './predict-rows';

export interface HeadTrainerSettings {
  learningRate: number;
  batchSize: number;
  labelSmoothing: number;
  /** Weight of the sum of squared changes from the general head's weights. */
  anchorWeight: number;
  seed: number;
}

export interface EpochResult {
  loss: number;
  accuracy: number;
}

function shuffledIndices(count: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

export class HeadTrainer {
  /** Starts as a copy of the general head. Owned by the trainer until `release()`. */
  readonly head: tf.LayersModel;
  private readonly step: TrainStep;
  private readonly anchorStart: tf.Tensor[];
  private readonly random: () => number;

  constructor(general: tf.LayersModel, private readonly settings: HeadTrainerSettings) {
    this.head = headOf(general);
    const variables = this.head.trainableWeights.map((w) => w.read() as tf.Variable);
    this.anchorStart = variables.map((v) => tf.keep(v.clone()));
    const anchor = () => tf.addN(variables.map((v, i) => v.sub(this.anchorStart[i]).square()
      .sum())).mul(settings.anchorWeight) as tf.Scalar;
    this.step = new TrainStep(this.head,
      tf.train.adam(settings.learningRate) as tf.AdamOptimizer, {
        labelSmoothing: settings.labelSmoothing, variables, inputShape: [FEATURE_SIZE],
        regularizer: settings.anchorWeight > 0 ? anchor : undefined });
    this.random = seededRandom(settings.seed);
  }

  /** One pass over `labels.length` feature rows in shuffled mini-batches. */
  async trainEpoch(features: Float32Array, labels: Int32Array, signal?: AbortSignal)
    : Promise<EpochResult> {
    const order = shuffledIndices(labels.length, this.random);
    const { batchSize, learningRate } = this.settings;
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      if (signal?.aborted) throw new DOMException('Training was cancelled.', 'AbortError');
      const batch = order.subarray(start, start + batchSize);
      const inputs = new Float32Array(batch.length * FEATURE_SIZE);
      const batchLabels = new Int32Array(batch.length);
      batch.forEach((row, i) => {
        inputs.set(features.subarray(row * FEATURE_SIZE, (row + 1) * FEATURE_SIZE),
          i * FEATURE_SIZE);
        batchLabels[i] = labels[row];
      });
      const r = await this.step.computeGradients({ inputs, labels: batchLabels,
        count: batch.length });
      this.step.apply(r.gradients, learningRate);
      lossSum += r.loss * batch.length;
      correct += r.correct;
    }
    return { loss: lossSum / order.length, accuracy: correct / order.length };
  }

  report(features: Float32Array, labels: Int32Array): ClassificationReport {
    return classificationReport(predictRows(this.head, features, labels.length,
      [FEATURE_SIZE], NUM_CLASSES), labels);
  }

  /** Frees the optimiser and anchor; the head too unless the caller keeps it. */
  dispose({ keepHead = false } = {}): void {
    this.step.optimizer.dispose();
    tf.dispose(this.anchorStart);
    if (!keepHead) this.head.dispose();
  }
}
