/**
 * `npm run pretrain -- --data <fer2013.csv[.gz]>`: trains the general expression CNN on
 * FER-2013 `Training`, picks the epoch with the best `PublicTest` accuracy, and reports on
 * `PrivateTest` only once, at the end. Checkpoints after every epoch; `--resume` continues.
 */
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { NUM_CLASSES } from '../model/architecture';
import { SPLITS, type FerDataset, type SplitData } from '../data/fer-csv';
import {
  newRunState, RECIPE_DEFAULTS, recordEpoch, runEpoch, stepsPerEpoch, type GradientSource,
  type Recipe, type RunState, type ShardResult,
} from '../training/pretrain-run';
import { classificationReport, formatReport } from '../training/metrics';
import { initNodeBackend } from './backend';
import { formatDuration, parseCli, positiveNumber } from './cli-args';
import { epochCheckpointNames, readRunState } from './checkpoint-files';
import { writeModelCard } from './model-card';
import { loadModel, saveModel } from './model-files';
import { evaluateSplit } from './evaluate-split';
import type { SharedSplit } from './pretrain-protocol';
import { readFerCsv } from './read-fer-csv';
import { defaultWorkerCount, ReplicaPool } from './worker-pool';

const USAGE = `Usage: npm run pretrain -- --data <fer2013.csv | icml_face_data.csv | *.gz>
  [--epochs 30] [--batch 64] [--lr 0.001] [--label-smoothing 0.1] [--warmup-steps 400]
  [--workers N] [--seed 1] [--checkpoints checkpoints/pretrain] [--keep 2] [--resume]
  [--init <model dir> [--init-note <text for the model card>]] [--out public/models/general]
  [--limit N]`;

const args = parseCli({
  data: { type: 'string' },
  epochs: { type: 'string', default: '30' },
  batch: { type: 'string', default: '64' },
  lr: { type: 'string', default: '0.001' },
  'label-smoothing': { type: 'string', default: '0.1' },
  'warmup-steps': { type: 'string', default: '400' },
  workers: { type: 'string' },
  seed: { type: 'string', default: '1' },
  checkpoints: { type: 'string', default: 'checkpoints/pretrain' },
  keep: { type: 'string', default: '2' },
  resume: { type: 'boolean', default: false },
  init: { type: 'string' },
  'init-note': { type: 'string' },
  out: { type: 'string', default: 'public/models/general' },
  limit: { type: 'string' },
}, USAGE);

const checkpointsKept = positiveNumber(args.keep, '--keep');
if (!Number.isInteger(checkpointsKept)) {
  console.error(`--keep expects a whole number of checkpoints; got "${args.keep}".`);
  process.exit(2);
}

function toShared(split: SplitData, limit: number): SharedSplit {
  const count = Math.min(split.count, limit);
  const pixels = new Uint8Array(new SharedArrayBuffer(count * 2304));
  pixels.set(split.pixels.subarray(0, count * 2304));
  const labels = new Uint8Array(new SharedArrayBuffer(count));
  labels.set(split.labels.subarray(0, count));
  return { pixels, labels, count };
}

/** Training images minus blank frames, which carry no expression. */
function withoutBlanks(split: SplitData): SplitData {
  const keep: number[] = [];
  for (let i = 0; i < split.count; i++) {
    const image = split.pixels.subarray(i * 2304, (i + 1) * 2304);
    if (!image.every((v) => v === image[0])) keep.push(i);
  }
  const pixels = new Uint8Array(keep.length * 2304);
  const labels = new Uint8Array(keep.length);
  keep.forEach((src, dst) => {
    pixels.set(split.pixels.subarray(src * 2304, (src + 1) * 2304), dst * 2304);
    labels[dst] = split.labels[src];
  });
  return { pixels, labels, count: keep.length };
}

async function loadData(path: string): Promise<{ dataset: FerDataset; md5: string }> {
  let lastPercent = -1;
  const loaded = await readFerCsv(path, (read, total) => {
    const percent = Math.floor((100 * read) / total);
    if (percent % 25 === 0 && percent !== lastPercent) {
      lastPercent = percent;
      console.log(`reading ${path}: ${percent}%`);
    }
  });
  const d = loaded.dataset;
  console.log(`rows ${d.rows}: ` + SPLITS.map((s) => `${s} ${d.splits[s].count}`).join(', '));
  console.log('blank images: ' + SPLITS.map((s) => `${s} ${d.blankImages[s]}`).join(', ') +
    ' (blank Training images are left out)');
  console.log('exact duplicates of an earlier image: ' +
    SPLITS.map((s) => `${s} ${d.duplicateImages[s]}`).join(', '));
  return loaded;
}

/** Gradients from the data-parallel worker threads; every replica applies each update. */
class PoolGradients implements GradientSource {
  constructor(private readonly pool: ReplicaPool) {}

  get shards(): number {
    return this.pool.size;
  }

  async step(shard: number, indices: Int32Array, augmentSeed: number): Promise<ShardResult> {
    const reply = await this.pool.request(shard, { type: 'step', indices, augmentSeed });
    if (reply.type !== 'stepped') throw new Error(`unexpected worker reply ${reply.type}`);
    return reply;
  }

  async apply(gradients: Float32Array, learningRate: number): Promise<void> {
    await this.pool.all(() => ({ type: 'apply', gradients, learningRate }));
  }
}

async function predictInPool(pool: ReplicaPool, split: string, count: number)
  : Promise<Float32Array> {
  const share = Math.ceil(count / pool.size);
  const replies = await pool.all((w) => ({ type: 'predict', split,
    start: Math.min(count, w * share), end: Math.min(count, (w + 1) * share),
    withFlip: false }));
  const out = new Float32Array(count * NUM_CLASSES);
  let offset = 0;
  for (const r of replies) {
    if (r.type !== 'predicted') throw new Error(`unexpected worker reply ${r.type}`);
    out.set(r.probabilities, offset);
    offset += r.probabilities.length;
  }
  return out;
}

async function readState(dir: string): Promise<{ state: RunState; checkpoint: string } | null> {
  try {
    const latest = JSON.parse(await readFile(join(dir, 'latest.json'), 'utf8')) as
      { checkpoint: string };
    const checkpoint = join(dir, latest.checkpoint);
    const state = await readRunState(checkpoint);
    return { state, checkpoint };
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  if (!args.data) {
    console.error(`--data is required.\n\n${USAGE}`);
    process.exit(2);
  }
  const checkpointsDir = resolve(args.checkpoints);
  const resumed = args.resume ? await readState(checkpointsDir) : null;
  if (args.resume && !resumed) {
    console.error(`--resume: no checkpoint in ${checkpointsDir}; starting a new run.`);
  }
  const { dataset, md5 } = await loadData(args.data);
  const limit = args.limit ? positiveNumber(args.limit, '--limit') : Infinity;
  const train = toShared(withoutBlanks(dataset.splits.Training), limit);
  const evalSplits = { PublicTest: toShared(dataset.splits.PublicTest, limit) };

  const native = await initNodeBackend();
  const workers = args.workers ? positiveNumber(args.workers, '--workers')
    : defaultWorkerCount(native.multiThreaded);
  const recipe: Recipe = {
    ...RECIPE_DEFAULTS,
    epochs: positiveNumber(args.epochs, '--epochs'),
    batchSize: positiveNumber(args.batch, '--batch'),
    peakLearningRate: positiveNumber(args.lr, '--lr'),
    warmupSteps: Number(args['warmup-steps']),
    labelSmoothing: Number(args['label-smoothing']),
    seed: positiveNumber(args.seed, '--seed'),
    trainImages: train.count,
  };
  if (resumed?.state.dataMd5 && resumed.state.dataMd5 !== md5) {
    console.error(`--resume: the checkpoint in ${checkpointsDir} was trained on a file with ` +
      `MD5 ${resumed.state.dataMd5}, but ${args.data} has MD5 ${md5}. Resume with the same ` +
      'file, or start a new run with another --checkpoints folder.');
    process.exit(2);
  }
  const state: RunState = resumed
    ? { ...resumed.state, recipe: { ...resumed.state.recipe, epochs: recipe.epochs } }
    : { ...newRunState(recipe), dataMd5: md5 };
  // Recorded for the model card; on resume the flag may be given again to add it.
  if (args.init && !state.startedFrom) {
    state.startedFrom = { weights: args.init, note: args['init-note'] };
  }

  const pool = new ReplicaPool(workers);
  const ready = await pool.all(() => ({ type: 'init', init: {
    seed: state.recipe.seed, labelSmoothing: state.recipe.labelSmoothing, train,
    eval: evalSplits, checkpointDir: resumed?.checkpoint, initialModelDir: args.init,
    allowNative: native.multiThreaded,
  } }));
  const first = ready[0];
  if (first.type !== 'ready') throw new Error('worker failed to start');
  console.log(`backend ${first.backend}, ${workers} worker(s), ${first.parameters} parameters, ` +
    `${train.count} training images` + (resumed ? `, resuming after epoch ${state.epoch}` : ''));

  const gradients = new PoolGradients(pool);
  const steps = stepsPerEpoch(state);
  const runStarted = performance.now();
  let imagesThisRun = 0;
  for (let epoch = state.epoch + 1; epoch <= state.recipe.epochs; epoch++) {
    const r = await runEpoch(gradients, state, epoch, (done, ips) => {
      if (done % 50 === 0) {
        const left = (steps - done) * state.recipe.batchSize / ips;
        console.log(`  epoch ${epoch} step ${done}/${steps} ` +
          `${ips.toFixed(1)} img/s, epoch ends in ${formatDuration(left)}`);
      }
    });
    imagesThisRun += steps * state.recipe.batchSize;
    const valid = classificationReport(
      await predictInPool(pool, 'PublicTest', evalSplits.PublicTest.count),
      evalSplits.PublicTest.labels);
    const isBest = recordEpoch(state, epoch, r, valid);
    await checkpoint(pool, checkpointsDir, state, isBest);
    const elapsed = (performance.now() - runStarted) / 1000;
    const left = (state.recipe.epochs - epoch) * steps * state.recipe.batchSize /
      (imagesThisRun / elapsed);
    console.log(`epoch ${epoch}/${state.recipe.epochs}  ` +
      `train loss ${r.trainLoss.toFixed(4)} acc ${(100 * r.trainAccuracy).toFixed(2)}%  ` +
      `valid loss ${valid.loss.toFixed(4)} acc ${(100 * valid.accuracy).toFixed(2)}%  ` +
      `lr ${r.learningRate.toExponential(2)}  ${r.imagesPerSecond.toFixed(1)} img/s  ` +
      `${isBest ? 'best  ' : ''}time left ${formatDuration(left)}`);
  }
  await pool.close();
  await finish(checkpointsDir, state, dataset, md5, native.name);
}

async function checkpoint(pool: ReplicaPool, dir: string, state: RunState, isBest: boolean) {
  const name = `epoch-${String(state.epoch).padStart(3, '0')}`;
  const target = join(dir, name);
  await mkdir(dir, { recursive: true });
  await pool.request(0, { type: 'save', dir: target });
  await writeFile(join(target, 'state.json'), JSON.stringify(state, null, 2));
  if (isBest) await cp(target, join(dir, 'best'), { recursive: true, force: true });
  // The pointer moves only once the checkpoint is complete.
  await writeFile(join(dir, 'latest.json.tmp'), JSON.stringify({ checkpoint: name }));
  await rename(join(dir, 'latest.json.tmp'), join(dir, 'latest.json'));
  // Each checkpoint is about 27 MB: keep the newest `--keep` (resume needs one, weight
  // averaging wants several) and `best` (export).
  const older = (await epochCheckpointNames(dir)).slice(0, -checkpointsKept);
  await Promise.all(older.map((d) => rm(join(dir, d), { recursive: true, force: true })));
}

/** Reports the selected epoch on PrivateTest and exports it with its model card. */
async function finish(
  checkpointsDir: string, state: RunState, dataset: FerDataset, md5: string, backend: string,
) {
  const bestDir = join(checkpointsDir, 'best');
  const model = await loadModel(bestDir);
  const test = evaluateSplit(model, dataset.splits.PrivateTest);
  const testFlip = evaluateSplit(model, dataset.splits.PrivateTest, true);
  console.log(`\nselected epoch ${state.bestEpoch} (PublicTest accuracy ` +
    `${(100 * state.bestValidAccuracy).toFixed(2)}%)`);
  console.log(formatReport(test, 'PrivateTest, single view'));
  console.log(`PrivateTest with flipped view averaged: ${(100 * testFlip.accuracy).toFixed(2)}%`);
  const outDir = resolve(args.out);
  await mkdir(outDir, { recursive: true });
  await saveModel(model, outDir);
  const best = state.history.find((h) => h.epoch === state.bestEpoch);
  await writeModelCard(outDir, { state, dataFile: args.data!, md5, dataset, backend,
    selection: { rule: 'best PublicTest accuracy', epochs: [state.bestEpoch] },
    validation: best ? { accuracy: best.validAccuracy, loss: best.validLoss } : null,
    test, testWithFlip: testFlip });
  console.log(`wrote ${outDir}/model.json and card.json`);
  model.dispose();
  tf.disposeVariables();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
