/**
 * Starts TensorFlow.js backends in the browser. Each starter throws with a reason a person
 * can act on when its backend cannot run here.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../model/wasm-kernels';
import {
  selectBackend, type BackendChoice, type BackendName, type BackendPreference,
} from './backend-selection';

/** Served from our own origin by `npm run prepare:assets`. */
const TFJS_WASM_PATH = '/wasm/tfjs/';

async function assertWebGpuAdapter(): Promise<void> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) throw new Error('this browser has no WebGPU (navigator.gpu is missing)');
  if (!(await gpu.requestAdapter())) throw new Error('no WebGPU adapter is available');
}

/** At most this many WASM threads: beyond it XNNPACK gains little on a 48x48 network. */
const MAX_WASM_THREADS = 8;

/**
 * Asks for one WASM thread per core. Threads need SharedArrayBuffer, i.e. a cross-origin
 * isolated page (COOP/COEP headers); elsewhere tfjs falls back to its single-threaded build
 * by itself. Returns a function that undoes the temporary change to `navigator`.
 */
function configureWasm(): () => void {
  setWasmPaths(TFJS_WASM_PATH);
  const cores = navigator.hardwareConcurrency || 1;
  const threads = Math.max(1, Math.min(MAX_WASM_THREADS, cores));
  setThreadsCount(threads);
  // The runtime grants at most half the logical cores it sees (one on a 2-core laptop), and
  // the live page waits on the model anyway: let it see twice as many while it starts.
  Object.defineProperty(navigator, 'hardwareConcurrency', { value: 2 * threads,
    configurable: true });
  return () => void delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
}

/** Starts `backend`; returns how it runs when that is worth showing. */
async function startBackend(backend: BackendName): Promise<string | void> {
  if (backend === 'webgpu') await assertWebGpuAdapter();
  const restore = backend === 'wasm' ? configureWasm() : () => undefined;
  try {
    if (!(await tf.setBackend(backend))) throw new Error('it failed to initialise');
    await tf.ready();
  } finally {
    restore();
  }
  if (backend === 'wasm') registerWasmTrainingKernels('wasm');
  // A backend can initialise and still fail on its first kernel (e.g. a lost GPU context).
  const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(1)));
  const value = (await probe.data())[0];
  probe.dispose();
  if (value !== 2) throw new Error('it computed 1 + 1 wrongly');
  if (backend === 'wasm') {
    const threads = getThreadsCount();
    return `${threads} thread${threads === 1 ? '' : 's'}`;
  }
}

let current: Promise<BackendChoice> | null = null;

/** Selects (or re-selects) the process-wide backend; concurrent callers share one attempt. */
export function useBestBackend(preference: BackendPreference): Promise<BackendChoice> {
  const previous = current ?? Promise.resolve(null);
  current = previous.catch(() => null).then(() => selectBackend(preference, startBackend));
  return current;
}
