/**
 * BatchMatMul that transposes operands explicitly. The WASM kernel's transposeA/transposeB
 * path is about 30x slower than a Transpose followed by a plain product, and the dense
 * layers' gradients use both flags on every training step.
 *
 * XNNPACK packs the right-hand operand as matrix weights on every call with a new tensor,
 * so its size matters. For a @ b^T with a small `a` (the batch's upstream gradient,
 * [32, 1024]) and a large `b` (dense1's kernel, [2048, 1024]) the product is taken the other
 * way round, (b @ a^T)^T, which transposes and packs only the small operands.
 */
import { util, type KernelFunc, type NamedAttrMap, type TensorInfo } from
  '@tensorflow/tfjs-core';
import { composed, kernelOf, type KernelBackend } from './compose';

export function makeBatchMatMulKernel(backendName: string, plain: KernelFunc): KernelFunc {
  const transpose = kernelOf('Transpose', backendName);
  return (args) => {
    const { inputs, backend, attrs } = args;
    const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) return plain(args);
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const swapLastTwo = (x: TensorInfo) => {
      const perm = x.shape.map((_, i) => i);
      const r = perm.length;
      [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
      return transpose({ inputs: { x }, backend, attrs: { perm } }) as TensorInfo;
    };
    const product = (left: TensorInfo, right: TensorInfo) => plain({
      inputs: { a: left, b: right }, backend,
      attrs: { ...attrs, transposeA: false, transposeB: false } as unknown as NamedAttrMap,
    }) as TensorInfo;
    const sameBatch = a.shape.length === b.shape.length &&
      a.shape.slice(0, -2).every((d, i) => d === b.shape[i]);
    return composed(backend as KernelBackend, (keep) => {
      if (transposeB && !transposeA && sameBatch) {
        // a [m, k] @ b^T, b [n, k]: repack b (n * k) or a^T (m * k) plus the result (m * n).
        const [m, k] = a.shape.slice(-2);
        const n = b.shape[b.shape.length - 2];
        if (m * k + m * n < n * k) {
          const aT = keep(swapLastTwo(a));
          return keep(swapLastTwo(keep(product(b, aT))));
        }
      }
      const a2 = transposeA ? keep(swapLastTwo(a)) : a;
      const b2 = transposeB ? keep(swapLastTwo(b)) : b;
      return keep(product(a2, b2));
    });
  };
}
