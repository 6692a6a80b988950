/**
 * Helpers for kernels built out of other kernels of the same backend. Working at the kernel
 * level (TensorInfo, not Tensor) keeps intermediates out of the engine's tape and lets each
 * kernel free them before it returns.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

export type KernelBackend = Parameters<KernelFunc>[0]['backend'] & {
  disposeData(dataId: object): boolean;
};

export function kernelOf(name: string, backendName: string): KernelFunc {
  const config = tf.getKernel(name, backendName);
  if (!config) throw new Error(`Backend '${backendName}' has no ${name} kernel to build on.`);
  return config.kernelFunc;
}

/**
 * Runs `build`, which passes each intermediate it makes through `keep`; every kept tensor but
 * the returned one is disposed afterwards.
 */
export function composed(
  backend: KernelBackend, build: (keep: (t: TensorInfo) => TensorInfo) => TensorInfo,
): TensorInfo {
  const temps: TensorInfo[] = [];
  const result = build((t) => (temps.push(t), t));
  for (const t of temps) if (t !== result) backend.disposeData(t.dataId);
  return result;
}

/** Replaces `kernelName` on `backendName` with `kernelFunc`. */
export function replaceKernel(kernelName: string, backendName: string, kernelFunc: KernelFunc) {
  if (tf.getKernel(kernelName, backendName)) tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ kernelName, backendName, kernelFunc });
}
