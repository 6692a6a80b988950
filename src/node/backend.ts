/**
 * Picks the fastest TensorFlow.js backend available to Node: the native bindings when the
 * user has installed `@tensorflow/tfjs-node-gpu` or `@tensorflow/tfjs-node` (optional, never
 * required), otherwise WASM with this project's training kernels.
 */
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from '../model/wasm-kernels';

const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];

export interface NodeBackend {
  name: string;
  /** True when the backend already uses every core, so extra worker threads would not help. */
  multiThreaded: boolean;
}

async function tryNative(): Promise<NodeBackend | null> {
  for (const pkg of NATIVE_PACKAGES) {
    try {
      await import(/* @vite-ignore */ pkg);
    } catch {
      continue;
    }
    if (await tf.setBackend('tensorflow')) {
      return { name: `tensorflow (${pkg})`, multiThreaded: true };
    }
  }
  return null;
}

export async function initNodeBackend(
  options: { allowNative?: boolean } = {},
): Promise<NodeBackend> {
  if (options.allowNative !== false && process.env.FER_BACKEND !== 'wasm') {
    const native = await tryNative();
    if (native) return native;
  }
  await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend('wasm'))) throw new Error('The WASM backend failed to start.');
  await tf.ready();
  registerWasmTrainingKernels('wasm');
  return { name: 'wasm', multiThreaded: false };
}
