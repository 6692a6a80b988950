/**
 * Page-side handle on a fine-tuning run in a module worker. One worker lives as long as the
 * page so that its cached trunk features are reused by later runs.
 */
import type { BackendPreference } from '../classify/backend-selection';
import type { SplitData } from '../data/fer-csv';
import type { ForgettingOptions, ForgettingResult } from '../experiments/forgetting';
import type { FineTuneSettings, LabelledSample } from './fine-tune';
import type { FromFineTuneWorker, ToFineTuneWorker } from './fine-tune-protocol';

export type FineTuneDone = Extract<FromFineTuneWorker, { type: 'done' }>;

export interface WorkerRun<T> {
  cancel(): void;
  /** Resolves with the result, or null when cancelled; rejects on failure. */
  result: Promise<T | null>;
}
export type FineTuneRun = WorkerRun<FineTuneDone>;

let worker: Worker | null = null;

function fineTuneWorker(): Worker {
  worker ??= new Worker(new URL('./fine-tune.worker.ts', import.meta.url), { type: 'module' });
  return worker;
}

/** Sends one request; `finish` picks the final message's result. One request at a time. */
function request<T>(
  message: ToFineTuneWorker, onEvent: (event: FromFineTuneWorker) => void,
  finish: (event: FromFineTuneWorker) => T | undefined,
): WorkerRun<T> {
  const w = fineTuneWorker();
  const result = new Promise<T | null>((resolve, reject) => {
    w.onmessage = (event: MessageEvent<FromFineTuneWorker>) => {
      const m = event.data;
      onEvent(m);
      const done = finish(m);
      if (done !== undefined) resolve(done);
      else if (m.type === 'cancelled') resolve(null);
      else if (m.type === 'error') reject(new Error(m.message));
    };
    w.onerror = (e) => reject(new Error(`The training worker failed: ${e.message}`));
  });
  w.postMessage(message);
  return { cancel: () => w.postMessage({ type: 'cancel' }), result };
}

export function startFineTune(
  samples: LabelledSample[], settings: Partial<FineTuneSettings>, backend: BackendPreference,
  onEvent: (event: FromFineTuneWorker) => void,
): FineTuneRun {
  return request({ type: 'train', samples, settings, backend }, onEvent,
    (m) => (m.type === 'done' ? m : undefined));
}

export function startForgettingExperiment(
  samples: LabelledSample[], fer: { training: SplitData; privateTest: SplitData },
  options: Partial<ForgettingOptions>, backend: BackendPreference,
  onEvent: (event: FromFineTuneWorker) => void,
): WorkerRun<ForgettingResult> {
  return request({ type: 'forgetting', samples, fer, options, backend }, onEvent,
    (m) => (m.type === 'forgetting-done' ? m.result : undefined));
}
