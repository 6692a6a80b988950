/**
 * Sum over all leading axes of a float tensor (e.g. [n, h, w, c] -> [c]): every conv bias
 * gradient. The WASM kernel first transposes the whole tensor to put the reduced axes last;
 * a product with a row of ones avoids that but makes XNNPACK repack the tensor as matrix
 * weights on every call (about 18 ms for [32, 44, 44, 64]). Average pooling over one window
 * that covers all reduced positions reads the tensor once in place (about 1 ms), and the
 * mean times the count is the sum.
 */
import { util, type KernelFunc, type NamedAttrMap, type TensorInfo } from
  '@tensorflow/tfjs-core';
import { composed, kernelOf, type KernelBackend } from './compose';

function leadingAxes(axis: number | number[], rank: number): number {
  const axes = util.parseAxisParam(axis, [...Array(rank)].map(() => 1)).sort((a, b) => a - b);
  return axes.every((a, i) => a === i) ? axes.length : 0;
}

export function makeSumKernel(backendName: string, original: KernelFunc): KernelFunc {
  const reshape = kernelOf('Reshape', backendName);
  const avgPool = kernelOf('AvgPool', backendName);
  const multiply = kernelOf('Multiply', backendName);
  const fill = kernelOf('Fill', backendName);
  return (args) => {
    const { inputs, backend, attrs } = args;
    const x = inputs.x as TensorInfo;
    const { axis, keepDims } = attrs as { axis: number | number[]; keepDims: boolean };
    const reduced = leadingAxes(axis, x.shape.length);
    if (x.dtype !== 'float32' || reduced === 0 || reduced === x.shape.length) {
      return original(args);
    }
    const rows = util.sizeFromShape(x.shape.slice(0, reduced));
    const kept = x.shape.slice(reduced);
    const columns = util.sizeFromShape(kept);
    // The reduced positions as one pooling window [height, width] over `columns` channels.
    const width = x.shape[reduced - 1];
    const height = rows / width;
    const view = (t: TensorInfo, shape: number[]) =>
      reshape({ inputs: { x: t }, backend, attrs: { shape } }) as TensorInfo;
    return composed(backend as KernelBackend, (keep) => {
      const image = keep(view(x, [1, height, width, columns]));
      const means = keep(avgPool({ inputs: { x: image }, backend, attrs: {
        filterSize: [height, width], strides: [height, width], pad: 'valid',
      } as unknown as NamedAttrMap }) as TensorInfo);
      const count = keep(fill({ inputs: {}, backend, attrs: { shape: [], value: rows,
        dtype: 'float32' } as unknown as NamedAttrMap }) as TensorInfo);
      const sums = keep(multiply({ inputs: { a: means, b: count }, backend }) as TensorInfo);
      const outShape = keepDims ? [...x.shape.slice(0, reduced).map(() => 1), ...kept] : kept;
      return keep(view(sums, outShape));
    });
  };
}
