/**
 * Pretrains the general model in the browser with the same run logic as the command-line
 * trainer (training/pretrain-run.ts), on the best available backend (WebGPU first).
 * Checkpoints go to IndexedDB after every epoch; `resume` continues from the last one.
 */
import * as tf from '@tensorflow/tfjs';
import { useBestBackend } from '../classify/browser-backends';
import type { BackendPreference } from '../classify/backend-selection';
import { buildExpressionModel } from '../model/architecture';
import { deserializeModel, serializeModel } from '../personal/model-artifacts';
import { openStorage, type AppStorage } from '../storage/store';
import { classificationReport } from '../training/metrics';
import { captureOptimizer, restoreOptimizer } from '../training/optimizer-state';
import {
  augmentedBatch, newRunState, RECIPE_DEFAULTS, recordEpoch, runEpoch, splitInputs,
  stepsPerEpoch, type GradientSource, type ImageSplit, type RunState,
} from '../training/pretrain-run';
import { predictProbabilities, TrainStep } from '../training/train-step';
import {
  PRETRAIN_CHECKPOINT_ID, PretrainError, type FromPretrainWorker, type ToPretrainWorker,
} from './pretrain-protocol';

const post = (m: FromPretrainWorker) => (self as unknown as Worker).postMessage(m);
let stopping: AbortController | null = null;

/** Gradients computed right here: one shard, the whole batch. */
function localGradients(step: TrainStep, train: ImageSplit): GradientSource {
  return {
    shards: 1,
    async step(_shard, indices, augmentSeed) {
      const batch = augmentedBatch(train, indices, augmentSeed);
      return { ...(await step.computeGradients(batch)), count: batch.count };
    },
    async apply(gradients, learningRate) {
      step.apply(gradients, learningRate);
    },
  };
}

/**
 * The epoch order is a shuffle of `recipe.trainImages` indices, so resuming on another
 * data set would silently index different (or missing) images.
 */
function checkSameTrainingSet(state: RunState, train: ImageSplit): void {
  if (state.recipe.trainImages === train.count) return;
  throw new PretrainError('dataset-mismatch',
    `This checkpoint was made on ${state.recipe.trainImages} training images; load the ` +
    `same CSV (${train.count} loaded) to resume, or start afresh.`);
}

async function restore(storage: AppStorage, resume: boolean, train: ImageSplit,
  recipe: Partial<typeof RECIPE_DEFAULTS>) {
  const checkpoint = resume ? await storage.getCheckpoint(PRETRAIN_CHECKPOINT_ID) : undefined;
  if (resume && !checkpoint) {
    throw new PretrainError('no-checkpoint',
      'There is no checkpoint to resume from: press Start to train afresh.');
  }
  const fresh = { ...RECIPE_DEFAULTS, ...recipe, trainImages: train.count };
  if (!checkpoint) {
    return { model: buildExpressionModel({ seed: fresh.seed }), state: newRunState(fresh),
      best: null, optimizer: null };
  }
  const state = checkpoint.state as RunState;
  checkSameTrainingSet(state, train);
  state.recipe.epochs = fresh.epochs;
  return { model: await deserializeModel(checkpoint.model), state, best: checkpoint.best,
    optimizer: { specs: checkpoint.optimizer.specs,
      data: new Float32Array(checkpoint.optimizer.data) } };
}

async function pretrain(message: Extract<ToPretrainWorker, { type: 'start' }>) {
  post({ type: 'status', text: 'Starting the backend…' });
  const choice = await useBestBackend(message.backend as BackendPreference);
  const storage = await openStorage();
  try {
    const run = await restore(storage, message.resume, message.train, message.recipe);
    let best = run.best;
    const { model, state } = run;
    const step = new TrainStep(model, tf.train.adam(state.recipe.peakLearningRate) as
      tf.AdamOptimizer, { labelSmoothing: state.recipe.labelSmoothing });
    if (run.optimizer) await restoreOptimizer(step.optimizer, run.optimizer);
    post({ type: 'status', text: `Training on ${choice.backend}` });
    const abort = new AbortController();
    stopping = abort;
    const source = localGradients(step, message.train);
    const validInputs = splitInputs(message.valid);
    try {
      await trainEpochs();
    } finally {
      step.optimizer.dispose();
      model.dispose();
    }

    async function trainEpochs() {
      for (let epoch = state.epoch + 1; epoch <= state.recipe.epochs; epoch++) {
        const r = await runEpoch(source, state, epoch, (done, imagesPerSecond) => post({
          type: 'progress', epoch, step: done, steps: stepsPerEpoch(state), imagesPerSecond }),
        abort.signal);
        const valid = classificationReport(predictProbabilities(model, validInputs,
          message.valid.count), message.valid.labels);
        const isBest = recordEpoch(state, epoch, r, valid);
        const current = await serializeModel(model);
        if (isBest || !best) best = current;
        await storage.saveCheckpoint({ id: PRETRAIN_CHECKPOINT_ID, savedAt: Date.now(), state,
          model: current, best, optimizer: await checkpointOptimizer(step) });
        post({ type: 'epoch', record: state.history.at(-1)!, epochs: state.recipe.epochs,
          isBest });
      }
      post({ type: 'done', best: best ?? await serializeModel(model), state });
    }
  } finally {
    storage.close();
  }
}

async function checkpointOptimizer(step: TrainStep) {
  const { specs, data } = await captureOptimizer(step.optimizer);
  return { specs, data: data.buffer as ArrayBuffer };
}

self.onmessage = (event: MessageEvent<ToPretrainWorker>) => {
  if (event.data.type === 'stop') {
    stopping?.abort();
    return;
  }
  pretrain(event.data).catch((e: unknown) => {
    if (e instanceof DOMException && e.name === 'AbortError') post({ type: 'stopped' });
    else if (e instanceof PretrainError) post({ type: 'error', message: e.message, code: e.code });
    else post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  });
};
