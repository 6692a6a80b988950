/**
 * `npm run bench:train`: full-training throughput (batch 64, Adam, forward + backward +
 * update) and inference throughput of the expression CNN on the Node backend in use, on
 * random data. Training is measured single-threaded and with the pretrainer's worker pool.
 */
import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { buildExpressionModel, NUM_CLASSES } from '../src/model/architecture';
import { initNodeBackend } from '../src/node/backend';
import { defaultWorkerCount, ReplicaPool } from '../src/node/worker-pool';
import { predictProbabilities, TrainStep } from '../src/training/train-step';

const BATCH = 64;
const STEPS = Number(process.env.BENCH_STEPS ?? 6);
const PIXELS = 48 * 48;

function randomImages(count: number): Float32Array {
  return Float32Array.from({ length: count * PIXELS }, () => Math.random());
}

async function timed(label: string, images: number, run: () => Promise<void>) {
  await run(); // warm-up: kernel set-up and Adam's moment variables
  const started = performance.now();
  for (let i = 0; i < STEPS; i++) await run();
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label.padEnd(44)} ${((images * STEPS) / seconds).toFixed(1).padStart(7)} img/s`);
}

async function main(): Promise<void> {
  const backend = await initNodeBackend();
  console.log(`backend ${backend.name}, ${availableParallelism()} cores, batch ${BATCH}, ` +
    `${STEPS} timed steps after one warm-up`);

  const model = buildExpressionModel({ seed: 1 });
  const step = new TrainStep(model, tf.train.adam(1e-3) as tf.AdamOptimizer,
    { labelSmoothing: 0.1 });
  const batch = { inputs: randomImages(BATCH),
    labels: Int32Array.from({ length: BATCH }, (_, i) => i % NUM_CLASSES), count: BATCH };
  await timed('training, 1 thread', BATCH, async () => {
    step.apply((await step.computeGradients(batch)).gradients, 1e-3);
  });

  const inference = randomImages(256);
  await timed('inference, 1 thread, batch 256', 256, async () => {
    predictProbabilities(model, inference, 256);
  });
  await timed('inference, 1 thread, batch 1', 1, async () => {
    predictProbabilities(model, inference, 1);
  });
  model.dispose();

  const workers = defaultWorkerCount(backend.multiThreaded);
  if (workers > 1) await benchPool(workers);
}

async function benchPool(workers: number): Promise<void> {
  const count = BATCH * 4;
  const pixels = new Uint8Array(new SharedArrayBuffer(count * PIXELS));
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  const labels = new Uint8Array(new SharedArrayBuffer(count)).map((_, i) => i % NUM_CLASSES);
  const pool = new ReplicaPool(workers);
  await pool.all(() => ({ type: 'init', init: { seed: 1, labelSmoothing: 0.1,
    train: { pixels, labels, count }, eval: {}, allowNative: false } }));
  const share = BATCH / workers;
  let gradients: Float32Array = new Float32Array(0);
  await timed(`training, ${workers} worker threads (pretrainer)`, BATCH, async () => {
    const replies = await pool.all((w) => ({ type: 'step',
      indices: Int32Array.from({ length: share }, (_, i) => w * share + i), augmentSeed: w }));
    for (const r of replies) if (r.type === 'stepped') gradients = r.gradients;
    await pool.all(() => ({ type: 'apply', gradients, learningRate: 1e-3 }));
  });
  await pool.close();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
