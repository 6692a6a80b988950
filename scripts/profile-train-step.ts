/**
 * `npx tsx scripts/profile-train-step.ts`: where one training step (batch 32, one thread,
 * WASM with this project's kernels) spends its time, summed per kernel and input shape.
 */
import * as tf from '@tensorflow/tfjs';
import { buildExpressionModel, NUM_CLASSES } from '../src/model/architecture';
import { initNodeBackend } from '../src/node/backend';
import { TrainStep } from '../src/training/train-step';

const BATCH = Number(process.env.BATCH ?? 32);

async function main(): Promise<void> {
  await initNodeBackend({ allowNative: false });
  const model = buildExpressionModel({ seed: 1 });
  const step = new TrainStep(model, tf.train.adam(1e-3) as tf.AdamOptimizer,
    { labelSmoothing: 0.1 });
  const batch = {
    inputs: Float32Array.from({ length: BATCH * 2304 }, () => Math.random()),
    labels: Int32Array.from({ length: BATCH }, (_, i) => i % NUM_CLASSES), count: BATCH,
  };
  for (let i = 0; i < 2; i++) step.apply((await step.computeGradients(batch)).gradients, 1e-3);
  const started = performance.now();
  const info = await tf.profile(async () => {
    const r = await step.computeGradients(batch);
    step.apply(r.gradients, 1e-3);
  });
  const wall = performance.now() - started;
  const totals = new Map<string, number>();
  for (const k of info.kernels) {
    const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
    totals.set(key, (totals.get(key) ?? 0) + (k.kernelTimeMs as number));
  }
  const rows = [...totals].sort((a, b) => b[1] - a[1]);
  const sum = rows.reduce((s, [, ms]) => s + ms, 0);
  console.log(`batch ${BATCH}: wall ${wall.toFixed(0)} ms, kernels ${sum.toFixed(0)} ms`);
  for (const [key, ms] of rows.slice(0, 25)) {
    console.log(`${ms.toFixed(1).padStart(8)} ms  ${key}`);
  }
}

void main();
