/**
 * Personal models as portable packages. Export writes one `.zip` holding a TensorFlow.js
 * layers model (`model.json` + `weights.bin`, loadable by `tf.loadLayersModel` once
 * unzipped), its card, and optionally the captured samples. Import accepts such a zip, or a
 * `model.json` with its weight files, and checks everything against the architecture
 * before anything is stored. Untrusted sizes are checked before bytes are read or inflated.
 */
import {
  strFromU8, strToU8, unzipSync, zipSync, type UnzipFileInfo, type Zippable,
} from 'fflate';
import { CLASS_NAMES, INPUT_SPEC } from '../model/architecture';
import type { SerializedModel } from '../personal/fine-tune-protocol';
import type { ModelCard, SampleRecord } from '../storage/schema';
import {
  checkWeightSpecs, checkWeightsManifest, type WeightSpec, type WeightsGroup,
} from './architecture-check';
import { checkCard, defaultCard } from './card-check';
import { describeJson, isRecord, ModelImportError } from './import-error';

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

function parseJson(bytes: Uint8Array | undefined, file: string): unknown {
  if (!bytes) {
    throw new ModelImportError('missing-file', `The package has no ${file}. Export the ` +
      'model again from this app, or pick the model.json together with its weight files.');
  }
  try {
    return JSON.parse(strFromU8(bytes)) as unknown;
  } catch (e) {
    throw new ModelImportError('bad-json', `${file} is not valid JSON ` +
      `(${(e as Error).message}); the file is damaged.`);
  }
}

const MIB = 1024 * 1024;

/**
 * Throws 'too-large' when `bytes` exceed MAX_IMPORT_BYTES. `what` names what was measured
 * ("Zip file size"), so the message says which check failed.
 */
export function checkImportSize(bytes: number, what: string): void {
  if (bytes <= MAX_IMPORT_BYTES) return;
  throw new ModelImportError('too-large', `${what}: ${(bytes / MIB).toFixed(1)} MB, over ` +
    `the ${MAX_IMPORT_BYTES / MIB} MB limit for a model package. Pick only model.json and ` +
    'its weight files, or export the model again without samples.');
}

type FindFile = (name: string) => Uint8Array | undefined;

/** Finds a file by its path, else by its base name: zips often wrap all in one folder. */
function fileFinder(files: Record<string, Uint8Array>): FindFile {
  const base = (path: string) => path.split('/').pop();
  return (name) => files[name] ??
    Object.entries(files).find(([path]) => base(path) === base(name))?.[1];
}

function readModelJson(find: FindFile): { modelTopology: unknown; groups: WeightsGroup[] } {
  const json = parseJson(find('model.json'), 'model.json');
  if (!isRecord(json)) {
    throw new ModelImportError('not-a-layers-model', 'model.json must hold a JSON object ' +
      `(a TensorFlow.js layers model) but holds ${describeJson(json)}; pick the model.json ` +
      'saved with the weights, or export the model again.');
  }
  if (json.format !== 'layers-model' || !isRecord(json.modelTopology)) {
    throw new ModelImportError('not-a-layers-model', 'model.json is not a TensorFlow.js ' +
      `layers model (format "${String(json.format ?? 'missing')}", modelTopology ` +
      `${isRecord(json.modelTopology) ? 'present' : 'missing'}); expected format ` +
      '"layers-model" with a modelTopology, as this app and tfjs save models.');
  }
  return { modelTopology: json.modelTopology,
    groups: checkWeightsManifest(json.weightsManifest) };
}

function readWeights(find: FindFile, groups: WeightsGroup[], specs: WeightSpec[]): ArrayBuffer {
  const shards = groups.flatMap((g) => g.paths).map((path) => {
    const data = find(path);
    if (!data) {
      throw new ModelImportError('missing-file', `The weight file ${path} named in ` +
        'model.json is missing; pick it together with model.json.');
    }
    return data;
  });
  const weightData = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  shards.reduce((offset, s) => (weightData.set(s, offset), offset + s.length), 0);
  // float32 only (checkWeightSpecs), so 4 bytes per value.
  const expectedBytes = specs.reduce((n, s) => n + 4 * s.shape.reduce((a, b) => a * b, 1), 0);
  if (weightData.length !== expectedBytes) {
    throw new ModelImportError('weights-mismatch', `The weights hold ${weightData.length} ` +
      `bytes but model.json describes ${expectedBytes}: the file is truncated or from ` +
      'another model.');
  }
  return weightData.buffer;
}

/**
 * Reads a package from its files (the entries of a zip, or files picked together).
 * Throws ModelImportError naming what is wrong; never returns a partial model. The
 * topology is only checked to be an object here; checkTopology builds it (async).
 */
export function readModelFiles(files: Record<string, Uint8Array>): PackagedModel {
  checkImportSize(Object.values(files).reduce((n, f) => n + f.length, 0),
    'Package contents');
  const find = fileFinder(files);
  const { modelTopology, groups } = readModelJson(find);
  const specs = groups.flatMap((g) => g.weights);
  checkWeightSpecs(specs);
  const weightData = readWeights(find, groups, specs);

  const cardBytes = find('card.json');
  const { name, card } = cardBytes ? checkCard(parseJson(cardBytes, 'card.json'))
    : { name: undefined, card: defaultCard() };
  return {
    name: name ?? 'Imported model',
    card,
    artifacts: { modelTopology, weightSpecs: specs, weightData },
    samples: readSamples(find),
  };
}

function readSamples(find: FindFile): Omit<SampleRecord, 'id'>[] {
  const metaBytes = find('samples/samples.json');
  if (!metaBytes) return [];
  const meta = parseJson(metaBytes, 'samples/samples.json');
  if (!Array.isArray(meta)) {
    throw new ModelImportError('bad-json', 'samples/samples.json must be a list of samples ' +
      `but is ${describeJson(meta)}; export the model again.`);
  }
  const pixels = find('samples/pixels.bin');
  if (!pixels || pixels.length !== meta.length * 48 * 48) {
    throw new ModelImportError('weights-mismatch', 'samples/pixels.bin does not hold one ' +
      `48x48 image for each of the ${meta.length} samples listed.`);
  }
  return (meta as SampleMeta[]).map((m, i) =>
    ({ ...m, pixels: pixels.slice(i * 2304, (i + 1) * 2304) }));
}

/** Reads a `.zip` package, within the size limit both zipped and unzipped. */
export function importModelZip(bytes: Uint8Array): PackagedModel {
  checkImportSize(bytes.length, 'Zip file size');
  let unzippedBytes = 0;
  // fflate inflates an entry into a buffer of its declared size and never past it, so
  // summing declared sizes before inflating bounds memory even for a zip bomb.
  const withinLimit = (entry: UnzipFileInfo) => {
    unzippedBytes += Math.max(entry.size, entry.originalSize);
    checkImportSize(unzippedBytes, 'Unzipped size');
    return true;
  };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: withinLimit });
  } catch (e) {
    if (e instanceof ModelImportError) throw e;
    throw new ModelImportError('not-a-zip', `The file is not a readable zip archive ` +
      `(${(e as Error).message}); it may be truncated or damaged.`);
  }
  return readModelFiles(files);
}
