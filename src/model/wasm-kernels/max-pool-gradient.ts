/**
 * MaxPoolGrad for the common 2x2, stride-2 case, built from a nearest-neighbour upsampling
 * and same-shape element-wise kernels instead of the WASM backend's scalar loop. (Broadcasting
 * element-wise kernels take a slow generic path in WASM, hence the explicit upsampling.)
 *
 * The gradient goes to every input position equal to its window's maximum. Exact ties between
 * positive activations are vanishingly rare; all-zero windows (ReLU output) do tie, but the
 * ReLU gradient below them is zero there, so the result matches the reference kernel.
 */
import type { KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { composed, kernelOf, type KernelBackend } from './compose';

interface PoolAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: unknown;
  dimRoundingMode?: string;
}

const pair = (v: number | [number, number]) => (typeof v === 'number' ? [v, v] : v);

function isEvenTwoByTwo(attrs: PoolAttrs, input: TensorInfo): boolean {
  const [fh, fw] = pair(attrs.filterSize);
  const [sh, sw] = pair(attrs.strides);
  const [, h, w] = input.shape;
  return fh === 2 && fw === 2 && sh === 2 && sw === 2 && attrs.pad === 'valid' &&
    h % 2 === 0 && w % 2 === 0;
}

export function makeMaxPoolGradKernel(backendName: string, fallback: KernelFunc): KernelFunc {
  const resize = kernelOf('ResizeNearestNeighbor', backendName);
  const equal = kernelOf('Equal', backendName);
  const cast = kernelOf('Cast', backendName);
  const multiply = kernelOf('Multiply', backendName);
  return (args) => {
    const { inputs, backend, attrs } = args;
    const { dy, input, output } = inputs as Record<'dy' | 'input' | 'output', TensorInfo>;
    if (!output || !isEvenTwoByTwo(attrs as unknown as PoolAttrs, input)) return fallback(args);
    const [, h, w] = input.shape;
    // Copies each window's value to its four input positions: [n, h/2, w/2, c] -> [n, h, w, c].
    const upsample = (images: TensorInfo) => resize({ inputs: { images }, backend,
      attrs: { size: [h, w], alignCorners: false, halfPixelCenters: false } as unknown as
        NamedAttrMap }) as TensorInfo;
    return composed(backend as KernelBackend, (keep) => {
      const maxima = keep(upsample(output));
      const grads = keep(upsample(dy));
      const isMax = keep(equal({ inputs: { a: input, b: maxima }, backend }) as TensorInfo);
      const mask = keep(cast({ inputs: { x: isMax }, backend,
        attrs: { dtype: 'float32' } as unknown as NamedAttrMap }) as TensorInfo);
      return keep(multiply({ inputs: { a: mask, b: grads }, backend }) as TensorInfo);
    });
  };
}
