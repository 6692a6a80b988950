/**
 * `npm run average -- --data <csv> [--checkpoints checkpoints/pretrain] [--last 3] [--out dir]`:
 * averages the weights of the last epoch checkpoints of a pretraining run and reports the
 * average on PublicTest beside each epoch's own figure. PrivateTest is read only when `--out`
 * exports the average, so that choosing between the average and the best single epoch is
 * done on PublicTest alone.
 */
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { formatReport } from '../training/metrics';
import { averageWeights, type NamedWeights } from '../training/average-weights';
import { initNodeBackend } from './backend';
import { epochCheckpointNames, readRunState } from './checkpoint-files';
import { parseCli, positiveNumber } from './cli-args';
import { evaluateSplit } from './evaluate-split';
import { writeModelCard } from './model-card';
import { loadModel, saveModel } from './model-files';
import { readFerCsv } from './read-fer-csv';

const USAGE = `Usage: npm run average -- --data <fer2013.csv[.gz]>
  [--checkpoints checkpoints/pretrain] [--last 3] [--out <model dir>]`;

const args = parseCli({
  data: { type: 'string' },
  checkpoints: { type: 'string', default: 'checkpoints/pretrain' },
  last: { type: 'string', default: '3' },
  out: { type: 'string' },
}, USAGE);

function weightsOf(model: tf.LayersModel): NamedWeights[] {
  return model.weights.map((w) => {
    const value = w.read();
    return { name: w.originalName, shape: value.shape, values: value.dataSync() as Float32Array };
  });
}

async function epochCheckpoints(dir: string, count: number): Promise<string[]> {
  const epochs = await epochCheckpointNames(dir).catch(() => {
    throw new Error(`No checkpoints folder at "${dir}".`);
  });
  if (epochs.length < count) {
    throw new Error(`--last ${count}: "${dir}" holds ${epochs.length} epoch checkpoint(s). ` +
      `Pretrain keeps the newest two unless run with --keep ${count} or more.`);
  }
  return epochs.slice(-count).map((d) => join(dir, d));
}

async function main(): Promise<void> {
  if (!args.data) {
    console.error(`--data is required.\n\n${USAGE}`);
    process.exit(2);
  }
  const count = positiveNumber(args.last, '--last');
  if (!Number.isInteger(count) || count < 2) {
    console.error(`--last expects a whole number of checkpoints, 2 or more; got "${args.last}".`);
    process.exit(2);
  }
  const dirs = await epochCheckpoints(resolve(args.checkpoints), count);
  const states = await Promise.all(dirs.map(readRunState));
  const newest = states[states.length - 1];

  const backend = await initNodeBackend();
  const { dataset, md5 } = await readFerCsv(args.data);
  const other = states.find((s) => s.dataMd5 && s.dataMd5 !== md5);
  if (other) {
    throw new Error(`Epoch ${other.epoch} was trained on a file with MD5 ${other.dataMd5}, ` +
      `but ${args.data} has MD5 ${md5}.`);
  }

  const models = await Promise.all(dirs.map((d) => loadModel(d)));
  const mean = averageWeights(models.map(weightsOf));
  const averaged = models[0];
  const meanTensors = mean.map((w) => tf.tensor(w.values, w.shape));
  averaged.setWeights(meanTensors);
  tf.dispose(meanTensors);
  for (const m of models.slice(1)) m.dispose();

  const epochs = states.map((s) => s.epoch);
  const label = `mean of epochs ${epochs.join(', ')}`;
  console.log('PublicTest accuracy:');
  for (const s of states) {
    const h = s.history.find((r) => r.epoch === s.epoch);
    if (h) console.log(`  epoch ${s.epoch}: ${(100 * h.validAccuracy).toFixed(2)}%`);
  }
  const valid = evaluateSplit(averaged, dataset.splits.PublicTest);
  console.log(`  ${label}: ${(100 * valid.accuracy).toFixed(2)}%`);
  const best = newest.history.find((h) => h.epoch === newest.bestEpoch);
  if (best) {
    console.log(`  best single epoch (${best.epoch}): ${(100 * best.validAccuracy).toFixed(2)}%`);
  }

  if (!args.out) {
    console.log('\nPrivateTest not read. Pass --out <dir> to export the average with its card.');
    return;
  }
  const test = evaluateSplit(averaged, dataset.splits.PrivateTest);
  const testWithFlip = evaluateSplit(averaged, dataset.splits.PrivateTest, true);
  console.log('\n' + formatReport(test, 'PrivateTest, single view'));
  console.log(`PrivateTest with flipped view averaged: ` +
    `${(100 * testWithFlip.accuracy).toFixed(2)}%`);
  const outDir = resolve(args.out);
  await saveModel(averaged, outDir);
  await writeModelCard(outDir, { state: newest, dataFile: args.data, md5, dataset,
    backend: backend.name, selection: { rule: `${label} (weights averaged)`, epochs },
    validation: { accuracy: valid.accuracy, loss: valid.loss }, test, testWithFlip });
  console.log(`wrote ${outDir}/model.json and card.json`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
