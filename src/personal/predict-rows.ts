/** Runs a model over many inputs in batches and returns its outputs as one flat array. */
import * as tf from '@tensorflow/tfjs';

export function predictRows(
  model: tf.LayersModel, inputs: Float32Array, count: number, inputShape: number[],
  outputSize: number, batchSize = 128,
): Float32Array {
  const inputSize = inputShape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(count * outputSize);
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start);
    const rows = tf.tidy(() => model.predict(tf.tensor(
      inputs.subarray(start * inputSize, (start + n) * inputSize), [n, ...inputShape])) as
      tf.Tensor);
    out.set(rows.dataSync() as Float32Array, start * outputSize);
    rows.dispose();
  }
  return out;
}
