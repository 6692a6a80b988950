/**
 * Prepares the generated assets the app serves from its own origin (none is committed):
 *   - public/models/face_detection/face_detection_short_range.tflite: MediaPipe's BlazeFace
 *     model with the TFLite metadata that @mediapipe/tasks-vision requires;
 *   - public/wasm/mediapipe/*: the tasks-vision WebAssembly runtime (so no CDN is needed);
 *   - public/wasm/tfjs/*: the TensorFlow.js WASM backend binaries, and the unminified script
 *     its threads load (see scripts/vite-wasm-threads.ts).
 *
 * Runs before `dev`, `build` and `test` (npm pre-scripts). Idempotent: files whose content
 * is already up to date are left untouched.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FACE_MODEL_OUTPUT, FACE_MODEL_SOURCE, makeFaceDetectorModel,
} from '../src/face/face-detector-model';
import { TfliteMetadataError } from '../src/face/tflite-metadata';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNTIMES = [
  { source: 'node_modules/@mediapipe/tasks-vision/wasm', output: 'public/wasm/mediapipe',
    pattern: /\.(js|wasm)$/, from: '@mediapipe/tasks-vision' },
  { source: 'node_modules/@tensorflow/tfjs-backend-wasm/dist', output: 'public/wasm/tfjs',
    pattern: /\.wasm$/, from: '@tensorflow/tfjs-backend-wasm' },
  { source: 'node_modules/@tensorflow/tfjs-backend-wasm/wasm-out', output: 'public/wasm/tfjs',
    pattern: /^tfjs-backend-wasm-threaded-simd\.js$/, from: '@tensorflow/tfjs-backend-wasm' },
];

class MissingAssetError extends Error {
  constructor(path: string, hint: string) {
    super(`${path} not found. ${hint}`);
    this.name = 'MissingAssetError';
  }
}

async function readRequired(path: string, hint: string): Promise<Uint8Array> {
  if (!existsSync(path)) throw new MissingAssetError(relative(ROOT, path), hint);
  return new Uint8Array(await readFile(path));
}

/** Writes `data` unless `path` already holds it; a rename keeps readers from seeing half. */
async function writeIfChanged(path: string, data: Uint8Array): Promise<boolean> {
  if (existsSync(path) && Buffer.from(await readFile(path)).equals(data)) return false;
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  await writeFile(temporary, data);
  await rename(temporary, path);
  return true;
}

function report(path: string, changed: boolean, bytes: number): void {
  const state = changed ? 'wrote' : 'up to date';
  console.log(`${state.padEnd(10)} ${relative(ROOT, path)} (${bytes} bytes)`);
}

async function makeFaceModel(): Promise<void> {
  const source = await readRequired(join(ROOT, FACE_MODEL_SOURCE),
    'Run `npm install` (the model comes from the @mediapipe/face_detection package).');
  const model = makeFaceDetectorModel(source);
  const output = join(ROOT, FACE_MODEL_OUTPUT);
  report(output, await writeIfChanged(output, model), model.length);
}

async function copyRuntime(runtime: (typeof RUNTIMES)[number]): Promise<void> {
  const sourceDir = join(ROOT, runtime.source);
  const hint = `Run \`npm install\` (the runtime comes from the ${runtime.from} package).`;
  if (!existsSync(sourceDir)) throw new MissingAssetError(runtime.source, hint);
  const names = (await readdir(sourceDir)).filter((n) => runtime.pattern.test(n));
  if (names.length === 0) throw new MissingAssetError(`${runtime.source}/${runtime.pattern}`, hint);
  for (const name of names) {
    const data = await readRequired(join(sourceDir, name), hint);
    const output = join(ROOT, runtime.output, name);
    report(output, await writeIfChanged(output, data), data.length);
  }
}

try {
  await makeFaceModel();
  for (const runtime of RUNTIMES) await copyRuntime(runtime);
} catch (error) {
  // Expected failures get a one-line message; anything else keeps its stack trace.
  const expected = error instanceof MissingAssetError || error instanceof TfliteMetadataError;
  console.error(expected ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
}
