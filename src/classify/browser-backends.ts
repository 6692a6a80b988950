/**
 * Starts TensorFlow.js backends in the browser. Each starter throws with a reason a person
 * can act on when its backend cannot run here.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
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

function configureWasm(): void {
  setWasmPaths(TFJS_WASM_PATH);
  // The threaded build starts its workers from a stringified copy of its own factory, which
  // breaks once a bundler has minified it ("e is not defined" in every worker). One thread
  // classifies a face in about 9 ms here, well inside the frame budget.
  // TODO(#3): serve the unbundled threaded runtime to the workers and enable threads.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}

async function startBackend(backend: BackendName): Promise<void> {
  if (backend === 'webgpu') await assertWebGpuAdapter();
  if (backend === 'wasm') configureWasm();
  if (!(await tf.setBackend(backend))) throw new Error('it failed to initialise');
  await tf.ready();
  if (backend === 'wasm') registerWasmTrainingKernels('wasm');
  // A backend can initialise and still fail on its first kernel (e.g. a lost GPU context).
  const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(1)));
  const value = (await probe.data())[0];
  probe.dispose();
  if (value !== 2) throw new Error('it computed 1 + 1 wrongly');
}

let current: Promise<BackendChoice> | null = null;

/** Selects (or re-selects) the process-wide backend; concurrent callers share one attempt. */
export function useBestBackend(preference: BackendPreference): Promise<BackendChoice> {
  const previous = current ?? Promise.resolve(null);
  current = previous.catch(() => null).then(() => selectBackend(preference, startBackend));
  return current;
}
