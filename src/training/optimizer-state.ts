/** Adam's moments and step count as plain arrays, to checkpoint and resume exactly. */
import * as tf from '@tensorflow/tfjs';

export interface OptimizerState {
  specs: { name: string; shape: number[] }[];
  /** All tensors' values back to back, in `specs` order. */
  data: Float32Array;
}

export async function captureOptimizer(optimizer: tf.Optimizer): Promise<OptimizerState> {
  const weights = await optimizer.getWeights();
  const values = await Promise.all(weights.map((w) => w.tensor.data() as Promise<Float32Array>));
  const data = new Float32Array(values.reduce((n, v) => n + v.length, 0));
  values.reduce((offset, v) => (data.set(v, offset), offset + v.length), 0);
  return { specs: weights.map((w) => ({ name: w.name, shape: w.tensor.shape })), data };
}

export async function restoreOptimizer(optimizer: tf.Optimizer, state: OptimizerState)
  : Promise<void> {
  let offset = 0;
  const named = state.specs.map((s) => {
    const size = s.shape.reduce((a, b) => a * b, 1);
    const tensor = tf.tensor(state.data.subarray(offset, offset + size), s.shape);
    offset += size;
    return { name: s.name, tensor };
  });
  await optimizer.setWeights(named);
  tf.dispose(named.map((n) => n.tensor));
}
