import 'fake-indexeddb/auto';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExpressionModel } from '../src/model/architecture';
import { ioShapeProblem } from '../src/models/architecture-check';
import {
  exportModelPackage, importModelZip, MAX_IMPORT_BYTES, readModelFiles,
} from '../src/models/model-package';
import { ModelImportError, type ModelImportErrorCode } from '../src/models/import-error';
import {
  exportStoredModel, importModelFiles, type PickedFile,
} from '../src/models/model-library';
import { deserializeModel, serializeModel } from '../src/personal/model-artifacts';
import { openStorage, type AppStorage } from '../src/storage/store';
import { predictProbabilities } from '../src/training/train-step';
import { useBackend, values } from './helpers/backends';

const card = { samplesUsed: 14, settings: { learningRate: 1e-3 }, metrics: { accuracy: 0.9 },
  backend: 'wasm' };
const images = Float32Array.from(values(3 * 2304, 4), (v) => (v + 1) / 2);

interface LayerJson { class_name: string; config: Record<string, unknown> }
interface ModelJson {
  modelTopology: { class_name: string; config: { layers: LayerJson[] } };
  weightsManifest: { paths: string[]; weights: Record<string, unknown>[] }[];
}

function importError(bytes: Uint8Array): ModelImportError {
  try {
    importModelZip(bytes);
  } catch (e) {
    if (e instanceof ModelImportError) return e;
    throw e;
  }
  throw new Error('expected the import to fail');
}

/** Stored entries: weights barely compress, and deflating them costs the tests seconds. */
const rezip = (files: Zippable) => zipSync(files, { level: 0 });
const picked = (name: string, bytes: Uint8Array): PickedFile =>
  new File([bytes as BlobPart], name);
const readJson = (files: Record<string, Uint8Array>): ModelJson =>
  JSON.parse(new TextDecoder().decode(files['model.json'])) as ModelJson;
const withJson = (files: Record<string, Uint8Array>, json: unknown) =>
  ({ ...files, 'model.json': strToU8(JSON.stringify(json)) });

/** The same package with the model's input layer declaring `shape`. */
function withInputShape(files: Record<string, Uint8Array>, shape: (number | null)[]) {
  const json = readJson(files);
  const input = json.modelTopology.config.layers.find((l) => l.class_name === 'InputLayer');
  if (!input) throw new Error('the exported topology has no InputLayer');
  input.config.batch_input_shape = shape;
  return withJson(files, json);
}

/** Makes the zip's central directory claim its first entry unzips to `bytes`. */
function claimUnzippedSize(zip: Uint8Array, bytes: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  // End-of-central-directory record: the last 22 bytes (no comment); +16: directory offset.
  const directory = view.getUint32(out.length - 22 + 16, true);
  view.setUint32(directory + 24, bytes, true); // +24: uncompressed size
  return out;
}

describe('model packages', () => {
  let zip: Uint8Array;
  let expected: Float32Array;
  beforeAll(async () => {
    await useBackend('wasm');
    const model = buildExpressionModel({ seed: 9 });
    expected = predictProbabilities(model, images, 3);
    zip = exportModelPackage({ name: 'Mine', card, artifacts: await serializeModel(model),
      samples: [{ label: 3, pixels: new Uint8Array(2304).fill(7), capturedAt: 5,
        source: 'camera' }] });
    model.dispose();
  });

  it('round-trips: export then import gives identical predictions, card and samples',
    async () => {
      const imported = importModelZip(zip);
      expect(imported.name).toBe('Mine');
      expect(imported.card.metrics).toEqual({ accuracy: 0.9 });
      expect(imported.samples).toHaveLength(1);
      expect(imported.samples[0].pixels[100]).toBe(7);
      const model = await deserializeModel(imported.artifacts);
      expect(predictProbabilities(model, images, 3)).toEqual(expected);
      model.dispose();
    });

  it('writes a layers model that tfjs loads from the unzipped files', async () => {
    const files = unzipSync(zip);
    const json = JSON.parse(new TextDecoder().decode(files['model.json']));
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    const model = await tf.loadLayersModel(tf.io.fromMemory({
      modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights,
      weightData: files['weights.bin'].slice().buffer }));
    expect(predictProbabilities(model, images, 3)).toEqual(expected);
    model.dispose();
    const exportedCard = JSON.parse(new TextDecoder().decode(files['card.json']));
    expect(exportedCard.classNames).toHaveLength(7);
    expect(exportedCard.inputSpec.range).toEqual([0, 1]);
  });

  it('rejects corrupt, truncated and mis-shaped packages with their own messages', () => {
    expect(importError(strToU8('not a zip at all')).code).toBe('not-a-zip');
    expect(importError(zip.slice(0, zip.length / 2)).code).toBe('not-a-zip');

    const files = unzipSync(zip);
    const truncated = zipSync({ ...files, 'weights.bin': files['weights.bin'].slice(0, 1000) });
    expect(importError(truncated).message).toMatch(/truncated or from another model/);

    const json = JSON.parse(new TextDecoder().decode(files['model.json']));
    json.weightsManifest[0].weights[10].shape = [1024, 5];
    const reshaped = zipSync({ ...files, 'model.json': strToU8(JSON.stringify(json)) });
    const e = importError(reshaped);
    expect(e.code).toBe('wrong-architecture');
    expect(e.message).toContain('"dense2/kernel" is float32 1024x5');

    const { ['model.json']: _, ...withoutJson } = files;
    expect(importError(zipSync(withoutJson)).code).toBe('missing-file');
    expect(importError(zipSync({ ...files, 'model.json': strToU8('{') })).code)
      .toBe('bad-json');
  });

  it('finds the card in a top-level folder and fills in what a card lacks', () => {
    const files = unzipSync(zip);
    const inFolder = rezip(Object.fromEntries(Object.entries(files)
      .map(([path, bytes]) => [`Mine/${path}`, bytes])));
    const found = importModelZip(inFolder);
    expect(found.name).toBe('Mine');
    expect(found.card.metrics).toEqual({ accuracy: 0.9 });
    expect(found.samples).toHaveLength(1);

    const bare = importModelZip(rezip({ ...files, 'card.json': strToU8('{"name":" x "}') }));
    expect(bare.name).toBe('x');
    expect(bare.card).toEqual({ samplesUsed: 0, settings: {}, metrics: {},
      backend: 'unknown' });
    const odd = '{"samplesUsed":-1,"settings":[],"metrics":"high","backend":3,"extra":1}';
    expect(importModelZip(rezip({ ...files, 'card.json': strToU8(odd) })).card).toEqual({
      samplesUsed: 0, settings: {}, metrics: {}, backend: 'unknown', extra: 1 });

    const e = importError(rezip({ ...files, 'card.json': strToU8('[1, 2]') }));
    expect(e.code).toBe('bad-card');
    expect(e.message).toMatch(/card.json must hold a JSON object .* but holds a list/);
  });

  it('rejects a malformed weights manifest with a message, not a TypeError', () => {
    const files = unzipSync(zip);
    const manifest = (weightsManifest: unknown) => () =>
      readModelFiles(withJson(files, { ...readJson(files), weightsManifest }));
    const { weights } = readJson(files).weightsManifest[0];
    const noShape = weights.map(({ shape, ...w }, i) => (i === 3 ? w : { ...w, shape }));
    const cases: [() => unknown, RegExp][] = [
      [manifest({ paths: ['weights.bin'] }), /"weightsManifest" must be a non-empty list/],
      [manifest([]), /"weightsManifest" must be a non-empty list .* but is a list/],
      [manifest([{ paths: ['weights.bin'] }]), /weightsManifest\[0\] must have "paths"/],
      [manifest([{ paths: 'weights.bin', weights }]), /weightsManifest\[0\] must have/],
      [manifest([{ paths: ['weights.bin'], weights: noShape }]),
        /weightsManifest\[0\]\.weights\[3\] must have a "name", a "dtype" and a "shape"/],
      [() => readModelFiles({ ...files, 'model.json': strToU8('null') }),
        /model.json must hold a JSON object .* but holds null/],
    ];
    for (const [read, message] of cases) {
      expect(read).toThrow(message);
      expect(read).toThrow(expect.objectContaining({ code: 'not-a-layers-model' }));
    }
  });

  it('names input and output shapes that do not fit the app', () => {
    expect(ioShapeProblem([[null, 48, 48, 1]], [[null, 7]])).toBeNull();
    expect(ioShapeProblem([[null, 48, 48, 3]], [[null, 7]]))
      .toMatch(/takes \[n, 48, 48, 3\]; this app feeds one \[n, 48, 48, 1\]/);
    expect(ioShapeProblem([[null, 48, 48, 1]], [[null, 5], [null, 7]]))
      .toMatch(/outputs \[n, 5\] and \[n, 7\]; this app reads one \[n, 7\]/);
  });

  it('stores an import as a new model, and a failed import changes nothing', async () => {
    const storage = await openStorage('model-package-test');
    const tensors = tf.memory().numTensors;
    const first = await importModelFiles(storage, [picked('a.zip', zip)]);
    const second = await importModelFiles(storage, [picked('a.zip', zip)]);
    expect(second.id).not.toBe(first.id);
    await expect(importModelFiles(storage, [picked('b.zip', zip.slice(0, 99))]))
      .rejects.toThrow(ModelImportError);
    expect((await storage.listModels()).map((m) => m.id).sort())
      .toEqual([first.id, second.id].sort());

    const files = unzipSync(zip);
    const loose = await importModelFiles(storage, [picked('model.json', files['model.json']),
      picked('weights.bin', files['weights.bin'])]);
    expect(loose.name).toBe('Imported model');
    expect(loose.card.metrics).toEqual({});
    expect(tf.memory().numTensors).toBe(tensors);

    const exported = await exportStoredModel(storage, first.id, false);
    expect(exported.fileName).toBe('Mine.zip');
    expect(importModelZip(exported.bytes).samples).toEqual([]);
    storage.close();
  });

  describe('a failed import says why and changes nothing', () => {
    let storage: AppStorage;
    let files: Record<string, Uint8Array>;
    beforeAll(async () => {
      storage = await openStorage('model-package-failures');
      await importModelFiles(storage, [picked('a.zip', zip)]);
      files = unzipSync(zip);
      return () => storage.close();
    });

    const zipped = (make: () => Zippable) => () => [picked('p.zip', rezip(make()))];
    /** A file that fails the test if it is read: sizes must be checked first. */
    const unread = (name: string, size: number): PickedFile => ({ name, size,
      arrayBuffer: () => Promise.reject(new Error(`${name} was read before its size check`)) });
    const cases: [string, () => PickedFile[], ModelImportErrorCode, RegExp][] = [
      ['a card that is not an object', zipped(() => ({ ...files,
        'card.json': strToU8('"great model"') })), 'bad-card',
        /card.json must hold a JSON object .* but holds a string/],
      ['a mis-shaped package', zipped(() => {
        const json = readJson(files);
        json.weightsManifest[0].weights[10].shape = [1024, 5];
        return withJson(files, json);
      }), 'wrong-architecture', /"dense2\/kernel" is float32 1024x5/],
      ['a malformed manifest', () => [picked('model.json', strToU8(JSON.stringify({
        ...readJson(files), weightsManifest: { weights: [] } }))),
        picked('weights.bin', files['weights.bin'])], 'not-a-layers-model',
        /"weightsManifest" must be a non-empty list of weight groups but is an object/],
      ['a topology with another input shape',
        zipped(() => withInputShape(files, [null, 50, 50, 1])), 'wrong-architecture',
        /takes \[n, 50, 50, 1\]; this app feeds one \[n, 48, 48, 1\]/],
      ['a topology tfjs cannot build', zipped(() => withJson(files, { ...readJson(files),
        modelTopology: { class_name: 'NoSuchModel', config: {} } })), 'wrong-architecture',
        /modelTopology in model.json does not build a network/],
      ['an over-size loose import', () => [picked('model.json', files['model.json']),
        unread('weights.bin', MAX_IMPORT_BYTES)], 'too-large',
        /Picked files together: 64.0 MB, over the 64 MB limit/],
      ['an over-size zip', () => [unread('big.zip', MAX_IMPORT_BYTES + 1)], 'too-large',
        /Zip file size: 64.0 MB, over the 64 MB limit/],
      ['a zip that unzips over the limit',
        () => [picked('p.zip', claimUnzippedSize(rezip(files), 100 * 1024 * 1024))],
        'too-large', /Unzipped size: 100.0 MB, over the 64 MB limit/],
    ];

    it.each(cases)('%s', async (_, make, code, message) => {
      const ids = async () => (await storage.listModels()).map((m) => m.id).sort();
      const before = await ids();
      const tensors = tf.memory().numTensors;
      const error = await importModelFiles(storage, make()).then(
        () => { throw new Error('expected the import to fail'); }, (e: unknown) => e);
      expect(error).toBeInstanceOf(ModelImportError);
      expect((error as ModelImportError).code).toBe(code);
      expect((error as ModelImportError).message).toMatch(message);
      expect(await ids()).toEqual(before);
      expect(tf.memory().numTensors).toBe(tensors);
    });
  });
});
