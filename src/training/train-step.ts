/**
 * One optimisation step of the expression CNN, split so that data-parallel workers can
 * compute gradients on their shard, average them, and each apply the same update.
 * Used by the command-line pretrainer and by the in-browser trainers.
 */
import * as tf from '@tensorflow/tfjs';
import { INPUT_SIZE_PX, NUM_CLASSES } from '../model/architecture';

/** Keeps log() finite when a probability underflows to zero. */
const PROBABILITY_FLOOR = 1e-7;

/**
 * Mean cross-entropy between smoothed one-hot labels and softmax `probs` [n, 7].
 * Label smoothing spreads `smoothing` of the target mass evenly over all classes.
 */
export function smoothedCrossEntropy(
  labels: tf.Tensor1D, probs: tf.Tensor2D, smoothing: number,
): tf.Scalar {
  return tf.tidy(() => {
    const oneHot = tf.oneHot(labels, NUM_CLASSES).toFloat();
    const target = oneHot.mul(1 - smoothing).add(smoothing / NUM_CLASSES);
    const logProbs = probs.clipByValue(PROBABILITY_FLOOR, 1).log();
    return target.mul(logProbs).sum(1).neg().mean() as tf.Scalar;
  });
}

export interface StepResult {
  loss: number;
  correct: number;
  /** Gradients of the trainable variables, flattened in `variables` order. */
  gradients: Float32Array;
}

export interface Batch {
  /** `count` model inputs back to back: 48x48 images in [0, 1] for the full network. */
  inputs: Float32Array;
  labels: Uint8Array | Int32Array;
  count: number;
}

export interface TrainStepOptions {
  labelSmoothing: number;
  /** Variables to train; all trainable weights of the model by default. */
  variables?: tf.Variable[];
  /** Shape of one input; the full network's [48, 48, 1] by default. */
  inputShape?: number[];
  /** Extra loss term, e.g. a pull towards pretrained weights. Runs inside the gradient tape. */
  regularizer?: () => tf.Scalar;
}

/** Owns the optimiser; the model and the variables it trains stay owned by the caller. */
export class TrainStep {
  readonly variables: tf.Variable[];
  readonly size: number;
  private readonly inputShape: number[];

  constructor(
    private readonly model: tf.LayersModel,
    readonly optimizer: tf.AdamOptimizer,
    private readonly options: TrainStepOptions,
  ) {
    this.variables = options.variables ??
      model.trainableWeights.map((w) => w.read() as tf.Variable);
    this.size = this.variables.reduce((n, v) => n + v.size, 0);
    this.inputShape = options.inputShape ?? [INPUT_SIZE_PX, INPUT_SIZE_PX, 1];
  }

  /** Forward and backward pass on one batch; the variables are left unchanged. */
  async computeGradients(batch: Batch): Promise<StepResult> {
    const { value, grads, correct } = tf.tidy(() => {
      const x = tf.tensor(batch.inputs, [batch.count, ...this.inputShape]);
      const y = tf.tensor1d(batch.labels, 'int32');
      let hits: tf.Tensor | null = null;
      const result = tf.variableGrads(() => {
        const probs = this.model.apply(x, { training: true }) as tf.Tensor2D;
        hits = tf.keep(probs.argMax(1).equal(y).sum());
        const loss = smoothedCrossEntropy(y, probs, this.options.labelSmoothing);
        return this.options.regularizer ? loss.add(this.options.regularizer()) : loss;
      }, this.variables);
      return { value: result.value, grads: result.grads, correct: hits! as tf.Tensor };
    });
    const flat = new Float32Array(this.size);
    let offset = 0;
    for (const v of this.variables) {
      flat.set(await grads[v.name].data() as Float32Array, offset);
      offset += v.size;
    }
    const loss = (await value.data())[0];
    const hits = (await correct.data())[0];
    tf.dispose([value, correct, ...Object.values(grads)]);
    return { loss, correct: hits, gradients: flat };
  }

  /** Applies flattened gradients (e.g. averaged across workers) at `learningRate`. */
  apply(gradients: Float32Array, learningRate: number): void {
    // Adam reads its rate on every update, so a schedule can change it between steps.
    (this.optimizer as unknown as { learningRate: number }).learningRate = learningRate;
    tf.tidy(() => {
      let offset = 0;
      const named = this.variables.map((v) => {
        const tensor = tf.tensor(gradients.subarray(offset, offset + v.size), v.shape);
        offset += v.size;
        return { name: v.name, tensor };
      });
      this.optimizer.applyGradients(named);
    });
  }
}

/**
 * Class probabilities for `count` inputs, in batches; for images, optionally averaged with
 * the mirrored view. `inputShape` is one input's shape (default a 48x48x1 image).
 */
export function predictProbabilities(
  model: tf.LayersModel, inputs: Float32Array, count: number,
  options: { batchSize?: number; withFlip?: boolean; inputShape?: number[] } = {},
): Float32Array {
  const batchSize = options.batchSize ?? 256;
  const shape = options.inputShape ?? [INPUT_SIZE_PX, INPUT_SIZE_PX, 1];
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(count * NUM_CLASSES);
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start);
    const probs = tf.tidy(() => {
      const x = tf.tensor(inputs.subarray(start * size, (start + n) * size), [n, ...shape]);
      const p = model.predict(x) as tf.Tensor2D;
      if (!options.withFlip) return p;
      const mirrored = model.predict(tf.reverse(x, 2)) as tf.Tensor2D;
      return p.add(mirrored).div(2);
    });
    out.set(probs.dataSync() as Float32Array, start * NUM_CLASSES);
    probs.dispose();
  }
  return out;
}
