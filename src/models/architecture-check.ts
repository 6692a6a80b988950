/**
 * Checks that an imported model fits this app's network: a well-formed weights manifest,
 * the same layers, names and shapes, float32 only, and a topology that builds a network
 * taking [n, 48, 48, 1] faces to [n, 7] probabilities. A model of another architecture
 * would load but classify nonsense.
 */
import type * as tf from '@tensorflow/tfjs';
import { CLASS_NAMES, INPUT_SHAPE, NUM_CLASSES } from '../model/architecture';
import type { SerializedModel } from '../personal/fine-tune-protocol';
import { deserializeModel } from '../personal/model-artifacts';
import { describeJson, isRecord, ModelImportError } from './import-error';

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

/** One entry of model.json's `weightsManifest`: weight files, and the weights they hold. */
export interface WeightsGroup {
  paths: string[];
  weights: WeightSpec[];
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

/** Batch size is free (null); the rest is fixed by the network. */
export const EXPECTED_INPUT_SHAPE: readonly (number | null)[] = [null, ...INPUT_SHAPE];
export const EXPECTED_OUTPUT_SHAPE: readonly (number | null)[] = [null, NUM_CLASSES];

const notLayersModel = (problem: string) => new ModelImportError('not-a-layers-model',
  `model.json is not a valid TensorFlow.js layers model: ${problem}. The file is damaged ` +
  'or was edited; export the model again.');

const isShape = (v: unknown): v is number[] => Array.isArray(v) &&
  v.every((d) => Number.isSafeInteger(d) && (d as number) >= 0);

function checkSpec(raw: unknown, where: string): WeightSpec {
  if (!isRecord(raw) || typeof raw.name !== 'string' || typeof raw.dtype !== 'string' ||
    !isShape(raw.shape)) {
    throw notLayersModel(`${where} must have a "name", a "dtype" and a "shape" (a list of ` +
      `sizes) but is ${isRecord(raw) ? JSON.stringify(raw).slice(0, 80) : describeJson(raw)}`);
  }
  return { name: raw.name, shape: raw.shape, dtype: raw.dtype };
}

/**
 * Checks the structure of model.json's `weightsManifest` (a list of groups, each with file
 * `paths` and `weights`), so later steps can read it without a TypeError. Pure.
 */
export function checkWeightsManifest(raw: unknown): WeightsGroup[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw notLayersModel(`"weightsManifest" must be a non-empty list of weight groups but ` +
      `is ${describeJson(raw)}`);
  }
  return raw.map((group: unknown, i) => {
    const where = `weightsManifest[${i}]`;
    if (!isRecord(group) || !Array.isArray(group.paths) ||
      !group.paths.every((p) => typeof p === 'string') || !Array.isArray(group.weights)) {
      throw notLayersModel(`${where} must have "paths" (a list of file names) and ` +
        `"weights" (a list of weights) but is ${describeJson(group)} without them`);
    }
    return { paths: group.paths as string[],
      weights: group.weights.map((w: unknown, j) => checkSpec(w, `${where}.weights[${j}]`)) };
  });
}

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

const showShape = (shape: readonly (number | null)[]) =>
  `[${shape.map((d) => d ?? 'n').join(', ')}]`;
const sameShape = (a: readonly (number | null)[], b: readonly (number | null)[]) =>
  showShape(a) === showShape(b);

/** Why a network's input and output shapes do not fit the app, or null when they do. Pure. */
export function ioShapeProblem(
  inputs: readonly tf.Shape[], outputs: readonly tf.Shape[],
): string | null {
  const list = (shapes: readonly tf.Shape[]) => shapes.map(showShape).join(' and ') || 'none';
  if (inputs.length !== 1 || !sameShape(inputs[0], EXPECTED_INPUT_SHAPE)) {
    return `The model takes ${list(inputs)}; this app feeds one ` +
      `${showShape(EXPECTED_INPUT_SHAPE)} batch of 48x48 grayscale faces.`;
  }
  if (outputs.length !== 1 || !sameShape(outputs[0], EXPECTED_OUTPUT_SHAPE)) {
    return `The model outputs ${list(outputs)}; this app reads one ` +
      `${showShape(EXPECTED_OUTPUT_SHAPE)} batch of ${NUM_CLASSES} class probabilities.`;
  }
  return null;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Builds the network once from `artifacts`, checks its input and output shapes, and
 * disposes it. The weight check alone would pass a topology that wires the same weights
 * differently, or one tfjs cannot build at all. Throws 'wrong-architecture'.
 */
export async function checkTopology(artifacts: SerializedModel): Promise<void> {
  let model: tf.LayersModel;
  try {
    model = await deserializeModel(artifacts);
  } catch (e) {
    throw new ModelImportError('wrong-architecture', `The modelTopology in model.json does ` +
      `not build a network with these weights (${errorText(e)}). It is damaged or ` +
      'not a model of this app; export the model again from this app.');
  }
  try {
    const problem = ioShapeProblem(model.inputs.map((t) => t.shape),
      model.outputs.map((t) => t.shape));
    if (problem) throw new ModelImportError('wrong-architecture', problem);
  } finally {
    model.dispose();
  }
}
