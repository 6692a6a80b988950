/**
 * Training kernels for tfjs-backend-wasm: the missing Conv2DBackpropFilter, and faster
 * Conv2DBackpropInput, MaxPoolGrad, transposed BatchMatMul and bias-gradient Sum.
 * Register once, after the backend is ready; calling again is harmless.
 */
import * as tf from '@tensorflow/tfjs-core';
import { replaceKernel } from './compose';
import {
  makeConv2DBackpropFilterKernel, makeConv2DBackpropInputKernel,
} from './conv-gradients';
import { makeMaxPoolGradKernel } from './max-pool-gradient';
import { makeBatchMatMulKernel } from './batch-mat-mul';
import { makeSumKernel } from './sum';

/** The backends' original kernels, kept so that re-registration wraps the original. */
const originals = new Map<string, tf.KernelFunc>();

function original(kernelName: string, backendName: string): tf.KernelFunc {
  const key = `${backendName}/${kernelName}`;
  if (!originals.has(key)) {
    const config = tf.getKernel(kernelName, backendName);
    if (!config) throw new Error(`Backend '${backendName}' has no ${kernelName} kernel.`);
    originals.set(key, config.kernelFunc);
  }
  return originals.get(key)!;
}

export function registerWasmTrainingKernels(backendName = 'wasm'): void {
  const maxPoolGrad = original('MaxPoolGrad', backendName);
  const batchMatMul = original('BatchMatMul', backendName);
  const sum = original('Sum', backendName);
  replaceKernel('Conv2DBackpropInput', backendName, makeConv2DBackpropInputKernel(backendName));
  replaceKernel('Conv2DBackpropFilter', backendName, makeConv2DBackpropFilterKernel(backendName));
  replaceKernel('MaxPoolGrad', backendName, makeMaxPoolGradKernel(backendName, maxPoolGrad));
  replaceKernel('BatchMatMul', backendName, makeBatchMatMulKernel(backendName, batchMatMul));
  replaceKernel('Sum', backendName, makeSumKernel(backendName, sum));
}
