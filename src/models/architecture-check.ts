/**
 * Checks that imported weights fit this app's network: the same layers, names and shapes,
 * float32 only. A model of another architecture would load but classify nonsense.
 */
import { CLASS_NAMES, NUM_CLASSES } from '../model/architecture';
import { ModelImportError } from './import-error';

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

/** Expected weight shapes, in the order tfjs saves them (see architecture.ts). */
export const EXPECTED_WEIGHTS: Readonly<Record<string, number[]>> = {
  'conv1/kernel': [3, 3, 1, 32], 'conv1/bias': [32],
  'conv2/kernel': [3, 3, 32, 64], 'conv2/bias': [64],
  'conv3/kernel': [3, 3, 64, 128], 'conv3/bias': [128],
  'conv4/kernel': [3, 3, 128, 128], 'conv4/bias': [128],
  'dense1/kernel': [2048, 1024], 'dense1/bias': [1024],
  'dense2/kernel': [1024, NUM_CLASSES], 'dense2/bias': [NUM_CLASSES],
};

export function checkWeightSpecs(specs: WeightSpec[]): void {
  const found = new Map(specs.map((s) => [s.name, s]));
  for (const [name, shape] of Object.entries(EXPECTED_WEIGHTS)) {
    const spec = found.get(name);
    if (!spec) {
      throw new ModelImportError('wrong-architecture', `The model has no weight "${name}": ` +
        'it is not an expression model of this app (conv1-conv4, dense1, dense2).');
    }
    if (spec.dtype !== 'float32' || spec.shape.join('x') !== shape.join('x')) {
      throw new ModelImportError('wrong-architecture', `Weight "${name}" is ` +
        `${spec.dtype} ${spec.shape.join('x')}; this app's network needs float32 ` +
        `${shape.join('x')} (${NUM_CLASSES} classes: ${CLASS_NAMES.join(', ')}).`);
    }
  }
  if (specs.length !== Object.keys(EXPECTED_WEIGHTS).length) {
    const extra = specs.map((s) => s.name).filter((n) => !(n in EXPECTED_WEIGHTS));
    throw new ModelImportError('wrong-architecture', `The model has weights this app's ` +
      `network does not: ${extra.join(', ')}.`);
  }
}
