/**
 * Conv2D gradient kernels for the WASM backend, written as forward convolutions.
 *
 * tfjs-backend-wasm has no Conv2DBackpropFilter kernel at all, and its Conv2DBackpropInput is
 * a naive loop about 10x slower than a forward conv. Both gradients of a stride-1 convolution
 * are themselves convolutions, which WASM runs through XNNPACK:
 *
 *   dx = conv(dy, W rotated 180 degrees with in/out channels swapped), padded by k - 1 - pad
 *   dW = conv(x with batch and channels swapped, dy with batch as its input channels)
 *
 * Both are composed from the backend's own Transpose, Reverse and Conv2D kernels.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { composed, kernelOf, type KernelBackend } from './compose';

type Pad = 'valid' | 'same' | number | [[number, number], [number, number],
  [number, number], [number, number]];

interface ConvGradAttrs {
  strides: number | [number, number];
  pad: Pad;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function assertSupported(kernel: string, attrs: ConvGradAttrs): void {
  const strides = typeof attrs.strides === 'number' ? [attrs.strides, attrs.strides]
    : attrs.strides;
  if (strides[0] !== 1 || strides[1] !== 1 || attrs.dataFormat !== 'NHWC') {
    throw new Error(`${kernel}: this WASM kernel handles stride 1, NHWC convolutions; got ` +
      `strides ${JSON.stringify(attrs.strides)}, format ${attrs.dataFormat}.`);
  }
}

/** Per-side padding of the forward conv, resolved the way tfjs resolves it. */
function forwardPadding(
  inShape: [number, number, number, number], filterShape: [number, number, number, number],
  attrs: ConvGradAttrs,
): { top: number; bottom: number; left: number; right: number } {
  const info = tf.backend_util.computeConv2DInfo(
    inShape, filterShape, 1, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
  return info.padInfo;
}

export function makeConv2DBackpropInputKernel(backendName: string): KernelFunc {
  const transpose = kernelOf('Transpose', backendName);
  const reverse = kernelOf('Reverse', backendName);
  const conv2d = kernelOf('Conv2D', backendName);
  return ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const a = attrs as unknown as ConvGradAttrs & { inputShape: number[] };
    assertSupported('Conv2DBackpropInput', a);
    const [kh, kw] = filter.shape;
    const p = forwardPadding(
      a.inputShape as [number, number, number, number],
      filter.shape as [number, number, number, number], a);
    return composed(backend as KernelBackend, (keep) => {
      // [kh, kw, in, out] -> flipped spatially -> [kh, kw, out, in]
      const flipped = keep(reverse({ inputs: { x: filter }, backend,
        attrs: { dims: [0, 1] } }) as TensorInfo);
      const swapped = keep(transpose({ inputs: { x: flipped }, backend,
        attrs: { perm: [0, 1, 3, 2] } }) as TensorInfo);
      const pad = [[0, 0], [kh - 1 - p.top, kh - 1 - p.bottom],
        [kw - 1 - p.left, kw - 1 - p.right], [0, 0]];
      return keep(conv2d({ inputs: { x: dy, filter: swapped }, backend,
        attrs: { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 } as unknown as NamedAttrMap,
      }) as TensorInfo);
    });
  };
}

export function makeConv2DBackpropFilterKernel(backendName: string): KernelFunc {
  const transpose = kernelOf('Transpose', backendName);
  const conv2d = kernelOf('Conv2D', backendName);
  return ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const a = attrs as unknown as ConvGradAttrs & { filterShape: number[] };
    assertSupported('Conv2DBackpropFilter', a);
    const p = forwardPadding(
      x.shape as [number, number, number, number],
      a.filterShape as [number, number, number, number], a);
    return composed(backend as KernelBackend, (keep) => {
      // x: [n, h, w, in] -> [in, h, w, n]: input channels become the batch, the batch the depth.
      const xT = keep(transpose({ inputs: { x }, backend,
        attrs: { perm: [3, 1, 2, 0] } }) as TensorInfo);
      // dy: [n, oh, ow, out] -> [oh, ow, n, out]: a filter reducing over the batch.
      const dyT = keep(transpose({ inputs: { x: dy }, backend,
        attrs: { perm: [1, 2, 0, 3] } }) as TensorInfo);
      const pad = [[0, 0], [p.top, p.bottom], [p.left, p.right], [0, 0]];
      // [in, kh, kw, out] -> [kh, kw, in, out]
      const grad = keep(conv2d({ inputs: { x: xT, filter: dyT }, backend,
        attrs: { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 } as unknown as NamedAttrMap,
      }) as TensorInfo);
      return keep(transpose({ inputs: { x: grad }, backend,
        attrs: { perm: [1, 2, 0, 3] } }) as TensorInfo);
    });
  };
}
