/**
 * A data-parallel training replica. Every replica starts from the same weights and applies
 * the same averaged gradients, so all stay identical without ever exchanging weights.
 */
import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { buildExpressionModel } from '../model/architecture';
import { augmentedBatch, splitInputs } from '../training/pretrain-run';
import { predictProbabilities, TrainStep } from '../training/train-step';
import { initNodeBackend } from './backend';
import { loadModel, loadOptimizer, saveModel, saveOptimizer } from './model-files';
import type { FromWorker, ToWorker, WorkerInit } from './pretrain-protocol';
const port = parentPort!;
const send = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

let init: WorkerInit;
let model: tf.LayersModel;
let step: TrainStep;

async function start(options: WorkerInit): Promise<FromWorker> {
  init = options;
  const backend = await initNodeBackend({ allowNative: options.allowNative });
  if (options.checkpointDir || options.initialModelDir) {
    model = await loadModel((options.checkpointDir ?? options.initialModelDir)!);
  } else {
    model = buildExpressionModel({ seed: options.seed });
  }
  step = new TrainStep(model, tf.train.adam(1e-3) as tf.AdamOptimizer,
    { labelSmoothing: options.labelSmoothing });
  if (options.checkpointDir) await loadOptimizer(step.optimizer, options.checkpointDir);
  return { type: 'ready', backend: backend.name, parameters: step.size };
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'init':
      send(await start(message.init));
      return;
    case 'step': {
      const batch = augmentedBatch(init.train, message.indices, message.augmentSeed);
      const r = await step.computeGradients(batch);
      send({ type: 'stepped', loss: r.loss, correct: r.correct, count: batch.count,
        gradients: r.gradients }, [r.gradients.buffer as ArrayBuffer]);
      return;
    }
    case 'apply':
      step.apply(message.gradients, message.learningRate);
      send({ type: 'applied' });
      return;
    case 'predict': {
      const split = init.eval[message.split];
      const images = splitInputs(split, message.start, message.end);
      const probabilities = predictProbabilities(model, images, message.end - message.start,
        { withFlip: message.withFlip });
      send({ type: 'predicted', probabilities }, [probabilities.buffer as ArrayBuffer]);
      return;
    }
    case 'save':
      await saveModel(model, message.dir);
      await saveOptimizer(step.optimizer, message.dir);
      send({ type: 'saved' });
      return;
    case 'close':
      process.exit(0);
  }
}

// Messages are handled strictly one at a time, in arrival order.
let queue = Promise.resolve();
port.on('message', (message: ToWorker) => {
  queue = queue.then(() => handle(message)).catch((e: unknown) => {
    send({ type: 'error', message: e instanceof Error ? e.stack ?? e.message : String(e) });
  });
});
