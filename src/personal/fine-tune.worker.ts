/**
 * Fine-tunes the head off the main thread so the page stays responsive. Keeps the general
 * model and the feature cache for the worker's life: a second run only trains.
 */
import * as tf from '@tensorflow/tfjs';
import { generalModelSource } from '../app/general-model';
import { useBestBackend } from '../classify/browser-backends';
import type { BackendPreference } from '../classify/backend-selection';
import { runForgettingExperiment } from '../experiments/forgetting';
import { FeatureCache } from './feature-cache';
import { fineTuneHead } from './fine-tune';
import type { FromFineTuneWorker, ToFineTuneWorker } from './fine-tune-protocol';
import { serializeModel } from './model-artifacts';
import { composePersonalModel, trunkOf } from './personal-model';

const post = (m: FromFineTuneWorker, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(m, transfer);

let loaded: { key: string; general: tf.LayersModel; cache: FeatureCache } | null = null;
let running: AbortController | null = null;

/** The browser's general model, reloaded only when the user changed which one that is. */
async function generalModel() {
  const source = await generalModelSource();
  if (loaded?.key !== source.key) {
    loaded?.general.dispose();
    const general = await source.load();
    loaded = { key: source.key, general, cache: new FeatureCache(trunkOf(general),
      source.key) };
  }
  return loaded;
}

/** Backend and general model for a request, reporting each stage. */
async function prepare(message: { backend: string }) {
  post({ type: 'status', stage: 'backend' });
  const choice = await useBestBackend(message.backend as BackendPreference);
  post({ type: 'status', stage: 'model', backend: choice.backend });
  const { general, cache } = await generalModel();
  post({ type: 'status', stage: 'features', backend: choice.backend });
  running = new AbortController();
  return { choice, general, cache, signal: running.signal };
}

async function forgetting(message: Extract<ToFineTuneWorker, { type: 'forgetting' }>) {
  const { choice, general, cache, signal } = await prepare(message);
  const result = await runForgettingExperiment(general, cache, message.samples, message.fer,
    message.options, { signal, onPoint: (point) => post({ type: 'point', point }) });
  post({ type: 'forgetting-done', result, backend: choice.backend });
}

async function train(message: Extract<ToFineTuneWorker, { type: 'train' }>): Promise<void> {
  const started = performance.now();
  const { choice, general, cache, signal } = await prepare(message);
  const epochs = message.settings.epochs ?? 30;
  const result = await fineTuneHead(general, cache, message.samples, message.settings, {
    signal,
    onEpoch: (metrics) => post({ type: 'epoch', metrics, epochs }),
  });
  const personal = composePersonalModel(general, result.head);
  result.head.dispose();
  const model = await serializeModel(personal);
  personal.dispose();
  post({ type: 'done', model, history: result.history, bestEpoch: result.bestEpoch,
    stoppedEarly: result.stoppedEarly, trainCount: result.trainCount,
    validCount: result.validCount, general: result.general, personal: result.personal,
    backend: choice.backend, seconds: (performance.now() - started) / 1000 },
  [model.weightData]);
}

self.onmessage = (event: MessageEvent<ToFineTuneWorker>) => {
  const message = event.data;
  if (message.type === 'cancel') {
    running?.abort();
    return;
  }
  const work = message.type === 'train' ? train(message) : forgetting(message);
  work.catch((e: unknown) => {
    if (e instanceof DOMException && e.name === 'AbortError') post({ type: 'cancelled' });
    else post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }).finally(() => (running = null));
};
