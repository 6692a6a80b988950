import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExpressionModel, NUM_CLASSES } from '../src/model/architecture';
import { parseFerCsvText } from '../src/data/fer-csv';
import { splitInputs } from '../src/training/pretrain-run';
import { loadModel, loadOptimizer, saveModel, saveOptimizer } from '../src/node/model-files';
import { predictProbabilities, TrainStep } from '../src/training/train-step';
import { useBackend } from './helpers/backends';
import { makeFerCsv } from './helpers/fer-csv-fixture';

const data = parseFerCsvText(makeFerCsv({ perClass: { Training: 4, PublicTest: 1 } }));
const train = data.splits.Training;
const batch = { inputs: splitInputs(train), labels: train.labels, count: train.count };

function newStep(seed = 1) {
  const model = buildExpressionModel({ seed });
  const step = new TrainStep(model, tf.train.adam(1e-3) as tf.AdamOptimizer,
    { labelSmoothing: 0.1 });
  return { model, step };
}

async function trainSteps(step: TrainStep, n: number): Promise<number[]> {
  const losses: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await step.computeGradients(batch);
    step.apply(r.gradients, 1e-3);
    losses.push(r.loss);
  }
  return losses;
}

describe('training on the WASM backend', () => {
  beforeAll(() => useBackend('wasm'));

  it('lowers the loss over a few steps on a tiny generated data set', async () => {
    const { model, step } = newStep();
    const losses = await trainSteps(step, 8);
    expect(losses[0]).toBeGreaterThan(1.8); // about ln 7 at initialisation
    expect(losses[7]).toBeLessThan(losses[0] * 0.8);
    model.dispose();
  });

  it('keeps the tensor count flat across steps', async () => {
    const { model, step } = newStep();
    await trainSteps(step, 1); // Adam creates its moment variables on the first update
    const before = tf.memory().numTensors;
    await trainSteps(step, 3);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('computes per-variable gradients of the trainable weights only', async () => {
    const { model } = newStep();
    const head = model.getLayer('dense1').trainableWeights.concat(
      model.getLayer('dense2').trainableWeights).map((w) => w.read() as tf.Variable);
    const step = new TrainStep(model, tf.train.adam(1e-3) as tf.AdamOptimizer,
      { labelSmoothing: 0, variables: head });
    const r = await step.computeGradients(batch);
    expect(r.gradients.length).toBe(2048 * 1024 + 1024 + 1024 * NUM_CLASSES + NUM_CLASSES);
    model.dispose();
  });

  it('saves and loads a model and its optimiser state with identical behaviour', async () => {
    const { model, step } = newStep(3);
    await trainSteps(step, 2);
    const dir = await mkdtemp(join(tmpdir(), 'fer-model-'));
    await saveModel(model, dir);
    await saveOptimizer(step.optimizer, dir);

    const images = batch.inputs;
    const before = predictProbabilities(model, images, batch.count);
    const loaded = await loadModel(dir);
    expect(predictProbabilities(loaded, images, batch.count)).toEqual(before);

    // The resumed optimiser takes the step the original takes. Adam recomputes beta^t with
    // pow() on restore rather than the running product, hence float-rounding tolerance.
    const resumed = new TrainStep(loaded, tf.train.adam(1e-3) as tf.AdamOptimizer,
      { labelSmoothing: 0.1 });
    await loadOptimizer(resumed.optimizer, dir);
    const g = await step.computeGradients({ ...batch, count: 7,
      inputs: images.subarray(0, 7 * 2304), labels: batch.labels.subarray(0, 7) });
    step.apply(g.gradients, 1e-3);
    resumed.apply(g.gradients, 1e-3);
    const a = predictProbabilities(loaded, images, 7);
    const b = predictProbabilities(model, images, 7);
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i])))).toBeLessThan(1e-5);
    model.dispose();
    loaded.dispose();
  });
});
