/**
 * Page-side handle on a fine-tuning run in a module worker. One worker lives as long as the
 * page so that its cached trunk features are reused by later runs.
 */
import { GENERAL_MODEL_URL } from '../classify/expression-classifier';
import type { BackendPreference } from '../classify/backend-selection';
import type { FineTuneSettings, LabelledSample } from './fine-tune';
import type { FromFineTuneWorker } from './fine-tune-protocol';

export type FineTuneDone = Extract<FromFineTuneWorker, { type: 'done' }>;

export interface FineTuneRun {
  cancel(): void;
  /** Resolves with the result, or null when cancelled; rejects on failure. */
  result: Promise<FineTuneDone | null>;
}

let worker: Worker | null = null;

function fineTuneWorker(): Worker {
  worker ??= new Worker(new URL('./fine-tune.worker.ts', import.meta.url), { type: 'module' });
  return worker;
}

export function startFineTune(
  samples: LabelledSample[], settings: Partial<FineTuneSettings>, backend: BackendPreference,
  onEvent: (event: FromFineTuneWorker) => void,
): FineTuneRun {
  const w = fineTuneWorker();
  const result = new Promise<FineTuneDone | null>((resolve, reject) => {
    w.onmessage = (event: MessageEvent<FromFineTuneWorker>) => {
      const m = event.data;
      onEvent(m);
      if (m.type === 'done') resolve(m);
      else if (m.type === 'cancelled') resolve(null);
      else if (m.type === 'error') reject(new Error(m.message));
    };
    w.onerror = (e) => reject(new Error(`The training worker failed: ${e.message}`));
  });
  w.postMessage({ type: 'train', generalModelUrl: new URL(GENERAL_MODEL_URL,
    location.href).href, samples, settings, backend });
  return { cancel: () => w.postMessage({ type: 'cancel' }), result };
}
