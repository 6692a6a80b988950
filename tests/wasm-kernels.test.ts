import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { relativeError, runOn, values } from './helpers/backends';

const MAX_RELATIVE_ERROR = 1e-5;

type Pad = 'valid' | 'same';

/** dL/dx and dL/dW of sum(conv2d(x, W) * r), a loss with a non-trivial upstream gradient. */
function convGradients(xShape: number[], wShape: number[], pad: Pad) {
  return () => tf.tidy(() => {
    const x = tf.tensor4d(values(xShape.reduce((a, b) => a * b), 1), xShape as never);
    const w = tf.tensor4d(values(wShape.reduce((a, b) => a * b), 2), wShape as never);
    const outShape = tf.conv2d(x, w, 1, pad).shape;
    const r = tf.tensor(values(outShape.reduce((a, b) => a * b), 3), outShape);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, pad).mul(r).sum())([x, w]);
    return [dx, dw];
  });
}

describe('WASM training kernels agree with the CPU backend', () => {
  const cases: [string, number[], number[], Pad][] = [
    ['first layer', [3, 12, 12, 1], [3, 3, 1, 8], 'valid'],
    ['deep layer', [2, 10, 10, 16], [3, 3, 16, 12], 'valid'],
    ['same padding', [2, 9, 7, 4], [3, 3, 4, 5], 'same'],
    ['5x5 kernel', [2, 11, 11, 3], [5, 5, 3, 4], 'valid'],
  ];
  for (const [name, xShape, wShape, pad] of cases) {
    it(`Conv2DBackpropInput and Conv2DBackpropFilter: ${name}`, async () => {
      const expected = await runOn('cpu', convGradients(xShape, wShape, pad));
      const actual = await runOn('wasm', convGradients(xShape, wShape, pad));
      expect(relativeError(actual[0], expected[0])).toBeLessThan(MAX_RELATIVE_ERROR);
      expect(relativeError(actual[1], expected[1])).toBeLessThan(MAX_RELATIVE_ERROR);
    });
  }

  it('MaxPoolGrad, 2x2 stride 2, after a ReLU (ties at zero)', async () => {
    const compute = () => {
      const x = tf.tensor4d(values(2 * 8 * 6 * 3, 4), [2, 8, 6, 3]);
      const r = tf.tensor4d(values(2 * 4 * 3 * 3, 5), [2, 4, 3, 3]);
      const f = (a: tf.Tensor) =>
        tf.maxPool(tf.relu(a) as tf.Tensor4D, 2, 2, 'valid').mul(r).sum();
      return [tf.grad(f)(x)];
    };
    const [expected] = await runOn('cpu', compute);
    const [actual] = await runOn('wasm', compute);
    expect(relativeError(actual, expected)).toBeLessThan(MAX_RELATIVE_ERROR);
  });

  it('MaxPoolGrad falls back to the original kernel for odd sizes', async () => {
    const compute = () => {
      const x = tf.tensor4d(values(7 * 7 * 2, 6), [1, 7, 7, 2]);
      return [tf.grad((a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid').sum())(x)];
    };
    const [expected] = await runOn('cpu', compute);
    const [actual] = await runOn('wasm', compute);
    expect(relativeError(actual, expected)).toBeLessThan(MAX_RELATIVE_ERROR);
  });

  for (const [transposeA, transposeB] of [[true, false], [false, true], [true, true]]) {
    it(`BatchMatMul with transposeA=${transposeA}, transposeB=${transposeB}`, async () => {
      const compute = () => {
        const a = tf.tensor3d(values(2 * 5 * 6, 7), transposeA ? [2, 6, 5] : [2, 5, 6]);
        const b = tf.tensor3d(values(2 * 6 * 4, 8), transposeB ? [2, 4, 6] : [2, 6, 4]);
        return [tf.matMul(a, b, transposeA, transposeB)];
      };
      const [expected] = await runOn('cpu', compute);
      const [actual] = await runOn('wasm', compute);
      expect(relativeError(actual, expected)).toBeLessThan(MAX_RELATIVE_ERROR);
    });
  }

  it('BatchMatMul a @ b^T with a small a and a large b (a dense-layer input gradient)',
    async () => {
      const compute = () => {
        const a = tf.tensor3d(values(2 * 3 * 8, 9), [2, 3, 8]);
        const b = tf.tensor3d(values(2 * 16 * 8, 10), [2, 16, 8]);
        const a2 = tf.tensor2d(values(3 * 8, 11), [3, 8]);
        const b2 = tf.tensor2d(values(16 * 8, 12), [16, 8]);
        return [tf.matMul(a, b, false, true), tf.matMul(a2, b2, false, true)];
      };
      const expected = await runOn('cpu', compute);
      const actual = await runOn('wasm', compute);
      for (let i = 0; i < expected.length; i++) {
        expect(relativeError(actual[i], expected[i])).toBeLessThan(MAX_RELATIVE_ERROR);
      }
    });

  it('frees every intermediate buffer', async () => {
    const compute = convGradients([2, 10, 10, 4], [3, 3, 4, 6], 'valid');
    await runOn('wasm', compute);
    const tensors = tf.memory().numTensors;
    // Kernel-level intermediates never become tensors: count the backend's own buffers.
    const buffers = tf.backend().numDataIds();
    await runOn('wasm', compute);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.backend().numDataIds()).toBe(buffers);
  });
});

describe('Sum over leading axes (bias gradients)', () => {
  const cases: [number[], number[], boolean][] = [
    [[4, 6, 5, 3], [0, 1, 2], false],
    [[4, 6, 5, 3], [0, 1], true],
    [[4, 6, 5, 3], [1, 2], false], // not leading: the original kernel
    [[7, 3], [0], false],
    [[8, 44, 44, 64], [0, 1, 2], false], // a conv2 bias gradient: 15,488 terms per channel
  ];
  for (const [shape, axes, keepDims] of cases) {
    it(`sum of [${shape}] over [${axes}]${keepDims ? ', keepDims' : ''}`, async () => {
      const compute = () => [tf.sum(tf.tensor(values(shape.reduce((a, b) => a * b), 9),
        shape), axes, keepDims)];
      const [expected] = await runOn('cpu', compute);
      const [actual] = await runOn('wasm', compute);
      expect(actual.length).toBe(expected.length);
      expect(relativeError(actual, expected)).toBeLessThan(MAX_RELATIVE_ERROR);
    });
  }
});
