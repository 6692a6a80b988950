import 'fake-indexeddb/auto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExpressionModel } from '../src/model/architecture';
import { exportModelPackage, importModelZip } from '../src/models/model-package';
import { ModelImportError } from '../src/models/import-error';
import { exportStoredModel, importModelFiles } from '../src/models/model-library';
import { deserializeModel, serializeModel } from '../src/personal/model-artifacts';
import { openStorage } from '../src/storage/store';
import { predictProbabilities } from '../src/training/train-step';
import { useBackend, values } from './helpers/backends';

const card = { samplesUsed: 14, settings: { learningRate: 1e-3 }, metrics: { accuracy: 0.9 },
  backend: 'wasm' };
const images = Float32Array.from(values(3 * 2304, 4), (v) => (v + 1) / 2);

function importError(bytes: Uint8Array): ModelImportError {
  try {
    importModelZip(bytes);
  } catch (e) {
    if (e instanceof ModelImportError) return e;
    throw e;
  }
  throw new Error('expected the import to fail');
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

  it('stores an import as a new model, and a failed import changes nothing', async () => {
    const storage = await openStorage('model-package-test');
    const first = await importModelFiles(storage, [{ name: 'a.zip', bytes: zip }]);
    const second = await importModelFiles(storage, [{ name: 'a.zip', bytes: zip }]);
    expect(second.id).not.toBe(first.id);
    await expect(importModelFiles(storage, [{ name: 'b.zip', bytes: zip.slice(0, 99) }]))
      .rejects.toThrow(ModelImportError);
    expect((await storage.listModels()).map((m) => m.id).sort())
      .toEqual([first.id, second.id].sort());

    const exported = await exportStoredModel(storage, first.id, false);
    expect(exported.fileName).toBe('Mine.zip');
    expect(importModelZip(exported.bytes).samples).toEqual([]);
    storage.close();
  });
});
