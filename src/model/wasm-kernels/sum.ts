/**
 * Sum over all leading axes of a float tensor (e.g. [n, h, w, c] -> [c]) as a product with a
 * row of ones. This is every conv bias gradient; the WASM kernel first transposes the whole
 * tensor to put the reduced axes last, which costs about 10x more than the product.
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
  const fill = kernelOf('Fill', backendName);
  const batchMatMul = kernelOf('BatchMatMul', backendName);
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
    const view = (t: TensorInfo, shape: number[]) =>
      reshape({ inputs: { x: t }, backend, attrs: { shape } }) as TensorInfo;
    return composed(backend as KernelBackend, (keep) => {
      const ones = keep(fill({ inputs: {}, backend, attrs: { shape: [1, 1, rows], value: 1,
        dtype: 'float32' } as unknown as NamedAttrMap }) as TensorInfo);
      const matrix = keep(view(x, [1, rows, columns]));
      const sums = keep(batchMatMul({ inputs: { a: ones, b: matrix }, backend,
        attrs: { transposeA: false, transposeB: false } }) as TensorInfo);
      const outShape = keepDims ? [...x.shape.slice(0, reduced).map(() => 1), ...kept] : kept;
      return keep(view(sums, outShape));
    });
  };
}
