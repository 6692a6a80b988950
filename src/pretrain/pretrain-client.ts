/** Page-side handle on the in-browser pretraining worker. */
import type { BackendPreference } from '../classify/backend-selection';
import type { ImageSplit, Recipe } from '../training/pretrain-run';
import type { FromPretrainWorker } from './pretrain-protocol';

export interface PretrainRun {
  stop(): void;
  /** The final message: done, stopped or error. */
  finished: Promise<FromPretrainWorker>;
}

export function startPretraining(
  data: { train: ImageSplit; valid: ImageSplit }, recipe: Partial<Recipe>, resume: boolean,
  backend: BackendPreference, onEvent: (m: FromPretrainWorker) => void,
): PretrainRun {
  const worker = new Worker(new URL('./pretrain.worker.ts', import.meta.url),
    { type: 'module' });
  const finished = new Promise<FromPretrainWorker>((resolve) => {
    worker.onmessage = (event: MessageEvent<FromPretrainWorker>) => {
      onEvent(event.data);
      if (['done', 'stopped', 'error'].includes(event.data.type)) resolve(event.data);
    };
    worker.onerror = (e) => resolve({ type: 'error', message: e.message });
  }).finally(() => worker.terminate());
  // The splits are copied, not transferred: the page keeps its data set for other uses.
  worker.postMessage({ type: 'start', ...data, recipe, resume, backend });
  return { stop: () => worker.postMessage({ type: 'stop' }), finished };
}
