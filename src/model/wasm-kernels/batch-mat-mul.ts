/**
 * BatchMatMul that transposes operands explicitly. The WASM kernel's transposeA/transposeB
 * path is about 30x slower than a Transpose followed by a plain product, and the dense
 * layers' gradients use both flags on every training step.
 */
import type { KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
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
    return composed(backend as KernelBackend, (keep) => {
      const a2 = transposeA ? keep(swapLastTwo(a)) : a;
      const b2 = transposeB ? keep(swapLastTwo(b)) : b;
      return keep(plain({ inputs: { a: a2, b: b2 }, backend,
        attrs: { ...attrs, transposeA: false, transposeB: false } as unknown as NamedAttrMap,
      }) as TensorInfo);
    });
  };
}
