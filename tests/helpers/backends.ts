/** Runs the same tensor computation on two backends and returns plain arrays to compare. */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../src/model/wasm-kernels';

export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  await tf.setBackend(name);
  await tf.ready();
  if (name === 'wasm') registerWasmTrainingKernels('wasm');
}

export async function runOn(
  backend: 'cpu' | 'wasm', compute: () => tf.Tensor[],
): Promise<Float32Array[]> {
  await useBackend(backend);
  const tensors = compute();
  const arrays = await Promise.all(tensors.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose(tensors);
  return arrays;
}

/** ||a - b|| / ||b||, the error measure used to compare backends. */
export function relativeError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < b.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    norm += b[i] ** 2;
  }
  return Math.sqrt(diff / (norm || 1));
}

/** Deterministic pseudo-random values in [-1, 1). */
export function values(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let s = seed;
  for (let i = 0; i < count; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = (s / 2147483648) * 2 - 1;
  }
  return out;
}
