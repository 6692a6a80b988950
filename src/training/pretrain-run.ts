/**
 * The pretraining run shared by the command-line trainer (data-parallel worker threads) and
 * the in-browser trainer (one worker, WebGPU): recipe, run state, the epoch loop with its
 * learning-rate schedule, and augmented batches. Where gradients are computed is behind
 * `GradientSource`.
 */
import { INPUT_SIZE_PX, PIXEL_SCALE } from '../model/architecture';
import { AUGMENT_DEFAULTS, sampleAffine, seededRandom, warpInto } from '../data/augment';
import { learningRateAt, type ScheduleOptions } from './schedule';

const PIXELS = INPUT_SIZE_PX * INPUT_SIZE_PX;

export interface Recipe {
  epochs: number;
  batchSize: number;
  peakLearningRate: number;
  warmupSteps: number;
  floorRatio: number;
  labelSmoothing: number;
  optimizer: 'adam';
  augmentation: typeof AUGMENT_DEFAULTS;
  seed: number;
  trainImages: number;
}

export const RECIPE_DEFAULTS: Omit<Recipe, 'trainImages'> = {
  epochs: 30, batchSize: 64, peakLearningRate: 1e-3, warmupSteps: 400, floorRatio: 0.01,
  labelSmoothing: 0.1, optimizer: 'adam', augmentation: AUGMENT_DEFAULTS, seed: 1,
};

export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  validLoss: number;
  validAccuracy: number;
  imagesPerSecond: number;
  learningRate: number;
  seconds: number;
}

/** Everything a checkpoint needs besides weights and optimiser state. */
export interface RunState {
  epoch: number;
  step: number;
  history: EpochRecord[];
  bestEpoch: number;
  bestValidAccuracy: number;
  recipe: Recipe;
  /** Weights the run started from instead of a random initialisation, if any. */
  startedFrom?: { weights: string; note?: string };
  /** MD5 of the data file, so that a resume on other data is refused. */
  dataMd5?: string;
}

export function newRunState(recipe: Recipe): RunState {
  return { epoch: 0, step: 0, history: [], bestEpoch: 0, bestValidAccuracy: -1, recipe };
}

/** 8-bit images of one split, back to back, with their labels. */
export interface ImageSplit {
  pixels: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** Randomly warped copies of `indices` of `split`, as model inputs. */
export function augmentedBatch(split: ImageSplit, indices: Int32Array, seed: number) {
  const random = seededRandom(seed);
  const inputs = new Float32Array(indices.length * PIXELS);
  const labels = new Int32Array(indices.length);
  indices.forEach((index, i) => {
    warpInto(split.pixels, index * PIXELS, INPUT_SIZE_PX, sampleAffine(random),
      inputs, i * PIXELS, PIXEL_SCALE);
    labels[i] = split.labels[index];
  });
  return { inputs, labels, count: indices.length };
}

/** Images `start` to `end` of `split` as model inputs, unchanged. */
export function splitInputs(split: ImageSplit, start = 0, end = split.count): Float32Array {
  const out = new Float32Array((end - start) * PIXELS);
  const source = split.pixels.subarray(start * PIXELS, end * PIXELS);
  for (let i = 0; i < source.length; i++) out[i] = source[i] * PIXEL_SCALE;
  return out;
}

export function shuffled(count: number, seed: number): Int32Array {
  const order = Int32Array.from({ length: count }, (_, i) => i);
  const random = seededRandom(seed);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

export interface ShardResult {
  loss: number;
  correct: number;
  count: number;
  gradients: Float32Array;
}

/** Computes gradients on shards of a batch and applies averaged updates everywhere. */
export interface GradientSource {
  readonly shards: number;
  step(shard: number, indices: Int32Array, augmentSeed: number): Promise<ShardResult>;
  apply(gradients: Float32Array, learningRate: number): Promise<void>;
}

export function stepsPerEpoch(state: RunState): number {
  return Math.floor(state.recipe.trainImages / state.recipe.batchSize);
}

function schedule(state: RunState): ScheduleOptions {
  const r = state.recipe;
  return { peakLearningRate: r.peakLearningRate, warmupSteps: r.warmupSteps,
    totalSteps: r.epochs * stepsPerEpoch(state), floorRatio: r.floorRatio };
}

/**
 * One epoch over the training images in a seeded order; advances `state.step`. Returns
 * the mean train loss and accuracy and the throughput.
 */
export async function runEpoch(
  source: GradientSource, state: RunState, epoch: number,
  onProgress: (done: number, imagesPerSecond: number) => void, signal?: AbortSignal,
) {
  const { batchSize, seed } = state.recipe;
  const order = shuffled(state.recipe.trainImages, seed * 100_003 + epoch);
  const started = performance.now();
  let lossSum = 0;
  let correct = 0;
  let seen = 0;
  let lr = 0;
  for (let s = 0; s < stepsPerEpoch(state); s++) {
    if (signal?.aborted) throw new DOMException('Training was stopped.', 'AbortError');
    const batch = order.subarray(s * batchSize, (s + 1) * batchSize);
    const share = Math.ceil(batch.length / source.shards);
    const results = await Promise.all(Array.from({ length: source.shards }, (_, w) =>
      source.step(w, batch.slice(w * share, (w + 1) * share),
        (seed * 7919 + state.step * 31 + w) >>> 0)));
    // Each shard's loss is a mean over its images: weight by shard size.
    const gradients = new Float32Array(results[0].gradients.length);
    for (const r of results) {
      const weight = r.count / batch.length;
      const g = r.gradients;
      for (let i = 0; i < gradients.length; i++) gradients[i] += g[i] * weight;
      lossSum += r.loss * r.count;
      correct += r.correct;
      seen += r.count;
    }
    lr = learningRateAt(state.step, schedule(state));
    await source.apply(gradients, lr);
    state.step++;
    onProgress(s + 1, (seen * 1000) / (performance.now() - started));
  }
  const seconds = (performance.now() - started) / 1000;
  return { trainLoss: lossSum / seen, trainAccuracy: correct / seen,
    imagesPerSecond: seen / seconds, learningRate: lr, seconds };
}

/** Records an evaluated epoch in `state`; returns whether it is the best so far. */
export function recordEpoch(
  state: RunState, epoch: number, train: Awaited<ReturnType<typeof runEpoch>>,
  valid: { loss: number; accuracy: number },
): boolean {
  state.history.push({ epoch, ...train, validLoss: valid.loss, validAccuracy: valid.accuracy });
  state.epoch = epoch;
  const isBest = valid.accuracy > state.bestValidAccuracy;
  if (isBest) {
    state.bestValidAccuracy = valid.accuracy;
    state.bestEpoch = epoch;
  }
  return isBest;
}
