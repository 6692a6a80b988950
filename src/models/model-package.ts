/**
 * Personal models as portable packages. Export writes one `.zip` holding a TensorFlow.js
 * layers model (`model.json` + `weights.bin`, loadable by `tf.loadLayersModel` once
 * unzipped), its card, and optionally the captured samples. Import accepts such a zip, or a
 * `model.json` with its weight files, and checks everything against the architecture
 * before anything is stored.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { CLASS_NAMES, INPUT_SPEC } from '../model/architecture';
import type { SerializedModel } from '../personal/fine-tune-protocol';
import type { ModelCard, SampleRecord } from '../storage/schema';
import { checkWeightSpecs, type WeightSpec } from './architecture-check';
import { ModelImportError } from './import-error';

/** A personal model is ~9.4 MB of float32 weights; samples add 2.3 kB each. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
const WEIGHTS_FILE = 'weights.bin';

export interface PackagedModel {
  name: string;
  card: ModelCard;
  artifacts: SerializedModel;
  samples: Omit<SampleRecord, 'id'>[];
}

interface SampleMeta {
  label: number;
  capturedAt: number;
  source: SampleRecord['source'];
  sourceName?: string;
}

export function exportModelPackage(model: PackagedModel): Uint8Array {
  const modelJson = {
    format: 'layers-model', generatedBy: 'personal-fer', convertedBy: null,
    modelTopology: model.artifacts.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: model.artifacts.weightSpecs }],
  };
  const card = { ...model.card, name: model.name, classNames: [...CLASS_NAMES],
    inputSpec: INPUT_SPEC, exportedAt: new Date().toISOString() };
  const files: Zippable = {
    'model.json': strToU8(JSON.stringify(modelJson)),
    [WEIGHTS_FILE]: new Uint8Array(model.artifacts.weightData),
    'card.json': strToU8(JSON.stringify(card, null, 2)),
  };
  if (model.samples.length > 0) {
    const meta: SampleMeta[] = model.samples.map(({ label, capturedAt, source, sourceName }) =>
      ({ label, capturedAt, source, sourceName }));
    const pixels = new Uint8Array(model.samples.length * 48 * 48);
    model.samples.forEach((s, i) => pixels.set(s.pixels, i * 48 * 48));
    files['samples/samples.json'] = strToU8(JSON.stringify(meta));
    files['samples/pixels.bin'] = pixels;
  }
  // Weights barely compress; storing them keeps export instant.
  return zipSync(files, { level: 0 });
}

function parseJson<T>(bytes: Uint8Array | undefined, file: string): T {
  if (!bytes) {
    throw new ModelImportError('missing-file', `The package has no ${file}. Export the ` +
      'model again from this app, or pick the model.json together with its weight files.');
  }
  try {
    return JSON.parse(strFromU8(bytes)) as T;
  } catch (e) {
    throw new ModelImportError('bad-json', `${file} is not valid JSON ` +
      `(${(e as Error).message}); the file is damaged.`);
  }
}

interface ModelJson {
  format?: string;
  modelTopology?: unknown;
  weightsManifest?: { paths: string[]; weights: WeightSpec[] }[];
}

/**
 * Reads a package from its files (the entries of a zip, or files picked together).
 * Throws ModelImportError naming what is wrong; never returns a partial model.
 */
export function readModelFiles(files: Record<string, Uint8Array>): PackagedModel {
  const byName = (name: string) => files[name] ??
    Object.entries(files).find(([path]) => path.split('/').pop() === name)?.[1];
  const json = parseJson<ModelJson>(byName('model.json'), 'model.json');
  if (json.format !== 'layers-model' || !json.modelTopology || !json.weightsManifest) {
    throw new ModelImportError('not-a-layers-model', 'model.json is not a TensorFlow.js ' +
      `layers model (format "${json.format ?? 'missing'}"); expected "layers-model".`);
  }
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  checkWeightSpecs(specs);

  const shards = json.weightsManifest.flatMap((g) => g.paths).map((path) => {
    const data = byName(path);
    if (!data) {
      throw new ModelImportError('missing-file', `The weight file ${path} named in ` +
        'model.json is missing; pick it together with model.json.');
    }
    return data;
  });
  const weightData = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  shards.reduce((offset, s) => (weightData.set(s, offset), offset + s.length), 0);
  const expectedBytes = specs.reduce((n, s) => n + 4 * s.shape.reduce((a, b) => a * b, 1), 0);
  if (weightData.length !== expectedBytes) {
    throw new ModelImportError('weights-mismatch', `The weights hold ${weightData.length} ` +
      `bytes but model.json describes ${expectedBytes}: the file is truncated or from ` +
      'another model.');
  }

  const card = files['card.json'] ? parseJson<ModelCard & { name?: string }>(
    files['card.json'], 'card.json') : { samplesUsed: 0, settings: {}, metrics: {},
    backend: 'unknown' };
  return {
    name: typeof card.name === 'string' ? card.name : 'Imported model',
    card,
    artifacts: { modelTopology: json.modelTopology, weightSpecs: specs,
      weightData: weightData.buffer },
    samples: readSamples(files),
  };
}

function readSamples(files: Record<string, Uint8Array>): Omit<SampleRecord, 'id'>[] {
  const metaBytes = files['samples/samples.json'];
  if (!metaBytes) return [];
  const meta = parseJson<SampleMeta[]>(metaBytes, 'samples/samples.json');
  const pixels = files['samples/pixels.bin'];
  if (!pixels || pixels.length !== meta.length * 48 * 48) {
    throw new ModelImportError('weights-mismatch', 'samples/pixels.bin does not hold one ' +
      `48x48 image for each of the ${meta.length} samples listed.`);
  }
  return meta.map((m, i) => ({ ...m, pixels: pixels.slice(i * 2304, (i + 1) * 2304) }));
}

/** Reads a `.zip` package, within the size limit. */
export function importModelZip(bytes: Uint8Array): PackagedModel {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new ModelImportError('too-large', `The file is ${(bytes.length / 1e6).toFixed(1)} ` +
      `MB; model packages are at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
  }
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    throw new ModelImportError('not-a-zip', `The file is not a readable zip archive ` +
      `(${(e as Error).message}); it may be truncated or damaged.`);
  }
  return readModelFiles(files);
}
