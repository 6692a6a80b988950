/**
 * Reads and writes TensorFlow.js layers models (model.json + binary weight shards) and Adam
 * optimiser state on the local file system, without `@tensorflow/tfjs-node`.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import {
  captureOptimizer, restoreOptimizer, type OptimizerState,
} from '../training/optimizer-state';

/** Browsers cache and fetch 4 MB shards well; tfjs's own converter uses the same size. */
const SHARD_BYTES = 4 * 1024 * 1024;

function joinWeightData(data: tf.io.WeightData): Uint8Array {
  const buffers = Array.isArray(data) ? data : [data];
  const out = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out;
}

/** Model topology and weights as they will be written; reusable for zip export. */
export async function modelToFiles(model: tf.LayersModel): Promise<Map<string, Uint8Array>> {
  let files = new Map<string, Uint8Array>();
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    files = artifactsToFiles(artifacts);
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return files;
}

export function artifactsToFiles(artifacts: tf.io.ModelArtifacts): Map<string, Uint8Array> {
  const weights = joinWeightData(artifacts.weightData ?? new ArrayBuffer(0));
  const shardCount = Math.max(1, Math.ceil(weights.byteLength / SHARD_BYTES));
  const files = new Map<string, Uint8Array>();
  const paths: string[] = [];
  for (let i = 0; i < shardCount; i++) {
    const path = `group1-shard${i + 1}of${shardCount}.bin`;
    paths.push(path);
    files.set(path, weights.slice(i * SHARD_BYTES, (i + 1) * SHARD_BYTES));
  }
  const modelJson = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths, weights: artifacts.weightSpecs }],
  };
  files.set('model.json', new TextEncoder().encode(JSON.stringify(modelJson)));
  return files;
}

/** Writes into `dir` atomically: a crash mid-write leaves the previous contents intact. */
export async function writeFilesAtomically(dir: string, files: Map<string, Uint8Array>) {
  const staging = `${dir}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  for (const [name, bytes] of files) await writeFile(join(staging, name), bytes);
  await rm(`${dir}.old`, { recursive: true, force: true });
  await rename(dir, `${dir}.old`).catch(() => undefined);
  await rename(staging, dir);
  await rm(`${dir}.old`, { recursive: true, force: true });
}

export async function saveModel(model: tf.LayersModel, dir: string, extra = new Map<string,
  Uint8Array>()): Promise<void> {
  const files = await modelToFiles(model);
  for (const [k, v] of extra) files.set(k, v);
  await writeFilesAtomically(dir, files);
}

/** Parsed model.json plus its concatenated weights, ready for `tf.io.fromMemory`. */
export async function readModelArtifacts(dir: string): Promise<tf.io.ModelArtifacts> {
  const jsonPath = join(dir, 'model.json');
  const json = JSON.parse(await readFile(jsonPath, 'utf8').catch(() => {
    throw new Error(`No model at "${dir}": expected ${jsonPath} (TensorFlow.js layers format).`);
  })) as tf.io.ModelJSON;
  const groups = json.weightsManifest ?? [];
  const shards: Uint8Array[] = [];
  for (const group of groups) {
    for (const p of group.paths) shards.push(new Uint8Array(await readFile(join(dir, p))));
  }
  return {
    modelTopology: json.modelTopology,
    weightSpecs: groups.flatMap((g) => g.weights),
    weightData: joinWeightData(shards.map((s) =>
      s.buffer.slice(s.byteOffset, s.byteOffset + s.byteLength) as ArrayBuffer)).buffer as
      ArrayBuffer,
    format: json.format,
  };
}

export async function loadModel(dir: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(tf.io.fromMemory(await readModelArtifacts(dir)));
}

/** Adam's moments and step count, so that a resumed run continues exactly. */
export async function saveOptimizer(optimizer: tf.Optimizer, dir: string): Promise<void> {
  const { specs, data } = await captureOptimizer(optimizer);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'optimizer.json'), JSON.stringify(specs));
  await writeFile(join(dir, 'optimizer.bin'), new Uint8Array(data.buffer));
}

export async function loadOptimizer(optimizer: tf.Optimizer, dir: string): Promise<void> {
  const specs = JSON.parse(await readFile(join(dir, 'optimizer.json'), 'utf8')) as
    OptimizerState['specs'];
  const bytes = await readFile(join(dir, 'optimizer.bin'));
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength));
  await restoreOptimizer(optimizer, { specs, data });
}
