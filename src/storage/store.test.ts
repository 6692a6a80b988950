/**
 * The storage layer against fake-indexeddb (an in-memory IndexedDB for Node). Each test gets
 * its own database name; "reload" is close() then openStorage() on the same name.
 */
import 'fake-indexeddb/auto';
import { deleteDB, openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../app/errors';
import { NUM_CLASSES } from '../model/architecture';
import {
  MIGRATIONS, SAMPLE_PIXEL_COUNT, SCHEMA_VERSION, upgrade, type ModelRecord, type SampleSource,
} from './schema';
import { estimateUsage, openStorage, type AppStorage, type NewSample } from './store';

const openedNames: string[] = [];
const openedStorages: AppStorage[] = [];
let nameCounter = 0;

function freshName(): string {
  const name = `store-test-${++nameCounter}`;
  openedNames.push(name);
  return name;
}

async function open(name: string): Promise<AppStorage> {
  const storage = await openStorage(name);
  openedStorages.push(storage);
  return storage;
}

afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  for (const storage of openedStorages.splice(0)) {
    try {
      storage.close();
    } catch {
      // closed by the test already
    }
  }
  await Promise.all(openedNames.splice(0).map((name) => deleteDB(name)));
});

/** A face whose bytes depend on `seed`, so a mix-up between rows would show. */
function sample(label: number, capturedAt: number, seed = label,
  source: SampleSource = 'camera'): NewSample {
  const pixels = new Uint8Array(SAMPLE_PIXEL_COUNT);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7 + seed * 31) % 256;
  return source === 'import'
    ? { label, pixels, capturedAt, source, sourceName: `face-${seed}.png` }
    : { label, pixels, capturedAt, source };
}

function model(id: string, createdAt: number, name = `Model ${id}`): ModelRecord {
  const weights = new Float32Array([0.5, -1.25, 3, createdAt % 1000]);
  return {
    id,
    name,
    createdAt,
    card: {
      samplesUsed: 42, settings: { epochs: 10 }, metrics: { accuracy: 0.8 },
      backend: 'webgl', notes: 'open field',
    },
    artifacts: {
      modelTopology: { class_name: 'Model', config: { layers: [] } },
      weightSpecs: [{ name: 'dense2/kernel', shape: [2, 2], dtype: 'float32' }],
      weightData: weights.buffer,
    },
  };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

function expectAppError(error: unknown, code: AppError['code']): AppError {
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe('reload', () => {
  it('keeps samples, models and settings across close and reopen, bytes intact', async () => {
    const name = freshName();
    const first = await open(name);
    const added = [sample(3, 1_000), sample(6, 2_000, 9, 'import')];
    const ids = await first.addSamples(added);
    await first.saveModel(model('m1', 5_000));
    await first.setSetting('backend', 'wasm');
    first.close();

    const second = await open(name);
    const samples = await second.listSamples();
    expect(samples.map((s) => s.id)).toEqual(ids);
    expect(samples[1].sourceName).toBe('face-9.png');
    expect(samples[0]).not.toHaveProperty('sourceName');
    for (const [i, stored] of samples.entries()) {
      expect(stored.pixels).toBeInstanceOf(Uint8Array);
      expect(stored.pixels).toEqual(added[i].pixels);
      expect(stored).toMatchObject({ label: added[i].label, capturedAt: added[i].capturedAt });
    }

    const stored = await second.getModel('m1');
    expect(stored?.artifacts.weightData).toBeInstanceOf(ArrayBuffer);
    expect(new Float32Array(stored!.artifacts.weightData)).toEqual(
      new Float32Array(model('m1', 5_000).artifacts.weightData));
    expect(stored).toEqual(model('m1', 5_000));
    expect(await second.getSetting('backend', 'webgl')).toBe('wasm');
  });
});

describe('samples', () => {
  it('lists oldest first whatever the insertion order', async () => {
    const storage = await open(freshName());
    await storage.addSamples([sample(0, 300), sample(1, 100)]);
    await storage.addSamples([sample(2, 200)]);
    expect((await storage.listSamples()).map((s) => s.capturedAt)).toEqual([100, 200, 300]);
  });

  it('counts samples per class, zero for classes without any', async () => {
    const storage = await open(freshName());
    await storage.addSamples([sample(3, 1), sample(3, 2), sample(0, 3), sample(6, 4)]);
    const counts = await storage.countByLabel();
    expect(counts).toHaveLength(NUM_CLASSES);
    expect(counts).toEqual([1, 0, 0, 2, 0, 0, 1]);
  });

  it('deletes one sample, then all', async () => {
    const storage = await open(freshName());
    const [a, b, c] = await storage.addSamples([sample(1, 1), sample(2, 2), sample(3, 3)]);
    await storage.deleteSample(b);
    expect((await storage.listSamples()).map((s) => s.id)).toEqual([a, c]);
    await storage.deleteAllSamples();
    expect(await storage.listSamples()).toEqual([]);
    expect(await storage.countByLabel()).toEqual(new Array(NUM_CLASSES).fill(0));
  });

  it('rejects a bad row before writing any of the batch', async () => {
    const storage = await open(freshName());
    await storage.addSamples([sample(1, 1)]);
    const bad = { ...sample(2, 2), label: 7 };
    const error = await caught(storage.addSamples([sample(0, 3), bad]));
    expect(error).toBeInstanceOf(RangeError);
    expect(String(error)).toMatch(/sample 1 has label 7; expected an integer class index 0-6/);
    const short = { ...sample(2, 2), pixels: new Uint8Array(10) };
    await expect(storage.addSamples([short])).rejects.toThrow(/10 bytes; expected .* 2304/);
    expect(await storage.countByLabel()).toEqual([0, 1, 0, 0, 0, 0, 0]);
  });

  it('stores a subarray as its own 2304 bytes, not the buffer it views', async () => {
    const storage = await open(freshName());
    const frame = new Uint8Array(SAMPLE_PIXEL_COUNT * 4).map((_, i) => i % 251);
    const view = frame.subarray(SAMPLE_PIXEL_COUNT, SAMPLE_PIXEL_COUNT * 2);
    await storage.addSamples([{ label: 4, pixels: view, capturedAt: 1, source: 'camera' }]);
    const [stored] = await storage.listSamples();
    expect(stored.pixels.buffer.byteLength).toBe(SAMPLE_PIXEL_COUNT);
    expect(stored.pixels).toEqual(view);
  });
});

/**
 * A full disk can show up in three ways; each fake needs a little of fake-indexeddb's
 * internals (`_rawObjectStore`, `_abort`), the only way to fail a write the way a browser
 * does. If fake-indexeddb renames them, these tests fail loudly rather than pass.
 */
type QuotaShape = 'the add call throws' | 'the add request fails' | 'the transaction aborts';
interface FakeStoreInternals {
  _rawObjectStore: { storeRecord?: () => never };
}
interface FakeTransactionInternals {
  _abort(errorName: string): void;
}

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** Makes the nth `IDBObjectStore.add` from now on fail with a quota error, in `shape`. */
function failNthAdd(n: number, shape: QuotaShape): void {
  const realAdd = IDBObjectStore.prototype.add;
  let calls = 0;
  vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(
    function (this: IDBObjectStore, value: unknown) {
      calls += 1;
      if (calls !== n) return realAdd.call(this, value);
      switch (shape) {
        case 'the add call throws':
          throw quotaError();
        case 'the add request fails': {
          // The write operation itself throws, so the request fails with an error event
          // and the transaction aborts with that error, as in Firefox.
          const raw = (this as unknown as FakeStoreInternals)._rawObjectStore;
          raw.storeRecord = () => {
            throw quotaError();
          };
          try {
            return realAdd.call(this, value);
          } finally {
            delete raw.storeRecord; // back to the prototype's method
          }
        }
        case 'the transaction aborts': {
          // This request succeeds, then the transaction aborts with the quota error: on
          // the last add, that is Chrome flushing a transaction to disk; earlier, requests
          // still pending fail with AbortError and only `tx.error` says why.
          const request = realAdd.call(this, value);
          const tx = this.transaction as unknown as FakeTransactionInternals;
          request.addEventListener('success', () => tx._abort('QuotaExceededError'));
          return request;
        }
      }
    },
  );
}

describe.each<{ shape: QuotaShape; failAt: number }>([
  { shape: 'the add call throws', failAt: 3 },
  { shape: 'the add request fails', failAt: 3 },
  { shape: 'the transaction aborts', failAt: 3 },
  { shape: 'the transaction aborts', failAt: 5 },
])('storage full when $shape at add $failAt of 5', ({ shape, failAt }) => {
  it('addSamples reports storage-full and writes none of the batch', async () => {
    const storage = await open(freshName());
    await storage.addSamples([sample(0, 1), sample(1, 2)]);
    const before = await storage.listSamples();

    const batch = [1, 2, 3, 4, 5].map((i) => sample(i % NUM_CLASSES, 100 + i));
    failNthAdd(failAt, shape);
    const error = expectAppError(await caught(storage.addSamples(batch)), 'storage-full');
    expect(error.message).toMatch(/storage is full/);
    expect(error.message).toMatch(/nothing new was saved/);
    expect(error.message).toMatch(/still there/);
    expect(error.message).toMatch(/Delete old models or samples/);

    vi.restoreAllMocks();
    expect(await storage.listSamples()).toEqual(before);
    // The connection is still usable once space is freed.
    await storage.addSamples([sample(6, 200)]);
    expect(await storage.listSamples()).toHaveLength(before.length + 1);
  });

  it('saveModel reports storage-full and leaves saved models as they were', async () => {
    const storage = await open(freshName());
    await storage.saveModel(model('old', 1_000));
    failNthAdd(1, shape);
    expectAppError(await caught(storage.saveModel(model('new', 2_000))), 'storage-full');

    vi.restoreAllMocks();
    expect((await storage.listModels()).map((m) => m.id)).toEqual(['old']);
    expect(await storage.getModel('old')).toEqual(model('old', 1_000));
    expect(await storage.getModel('new')).toBeUndefined();
  });
});

describe('models', () => {
  it('lists metadata only, newest first', async () => {
    const storage = await open(freshName());
    await storage.saveModel(model('b', 2_000));
    await storage.saveModel(model('c', 3_000));
    await storage.saveModel(model('a', 1_000));
    const models = await storage.listModels();
    expect(models.map((m) => m.id)).toEqual(['c', 'b', 'a']);
    for (const meta of models) {
      expect(meta).not.toHaveProperty('artifacts');
      expect(meta.card).toEqual(model(meta.id, meta.createdAt).card);
    }
  });

  it('refuses to overwrite a saved id and keeps the saved model', async () => {
    const storage = await open(freshName());
    await storage.saveModel(model('m', 1_000, 'Original'));
    const error = expectAppError(
      await caught(storage.saveModel(model('m', 9_000, 'Impostor'))), 'model-exists');
    expect(error.message).toMatch(/id m is already saved; nothing was overwritten/);
    expect(await storage.getModel('m')).toEqual(model('m', 1_000, 'Original'));
  });

  it('renames without touching the weights, and says when the model is gone', async () => {
    const storage = await open(freshName());
    await storage.saveModel(model('m', 1_000, 'Before'));
    await storage.renameModel('m', 'After');
    expect(await storage.getModel('m')).toEqual(model('m', 1_000, 'After'));
    expectAppError(await caught(storage.renameModel('gone', 'x')), 'model-not-found');
  });

  it('deletes a model; deleting it again does nothing', async () => {
    const storage = await open(freshName());
    await storage.saveModel(model('a', 1_000));
    await storage.saveModel(model('b', 2_000));
    await storage.deleteModel('a');
    await storage.deleteModel('a');
    expect((await storage.listModels()).map((m) => m.id)).toEqual(['b']);
    expect(await storage.getModel('a')).toBeUndefined();
  });
});

describe('settings', () => {
  it('returns the fallback until set, then the stored value', async () => {
    const name = freshName();
    const storage = await open(name);
    expect(await storage.getSetting('threshold', 0.5)).toBe(0.5);
    await storage.setSetting('threshold', 0.7);
    await storage.setSetting('view', { mirrored: true, bars: ['Happy'] });
    await storage.setSetting('threshold', 0.9);
    storage.close();

    const reopened = await open(name);
    expect(await reopened.getSetting('threshold', 0.5)).toBe(0.9);
    expect(await reopened.getSetting('view', {})).toEqual({ mirrored: true, bars: ['Happy'] });
    expect(await reopened.getSetting('missing', null)).toBeNull();
  });
});

describe('schema', () => {
  it('has one migration per version', () => {
    expect(MIGRATIONS).toHaveLength(SCHEMA_VERSION + 1);
  });

  it('creates every store and index when opening an empty database', async () => {
    const name = freshName();
    (await open(name)).close();

    const db = await openDB(name);
    try {
      expect(db.version).toBe(SCHEMA_VERSION);
      expect([...db.objectStoreNames].sort()).toEqual(['checkpoints', 'datasets', 'models',
        'samples', 'settings']);
      const tx = db.transaction(['samples', 'models', 'settings']);
      const samples = tx.objectStore('samples');
      expect(samples.keyPath).toBe('id');
      expect(samples.autoIncrement).toBe(true);
      expect([...samples.indexNames].sort()).toEqual(['by-capturedAt', 'by-label']);
      expect(samples.index('by-label').keyPath).toBe('label');
      expect(samples.index('by-capturedAt').keyPath).toBe('capturedAt');
      const models = tx.objectStore('models');
      expect(models.keyPath).toBe('id');
      expect(models.autoIncrement).toBe(false);
      expect([...models.indexNames]).toEqual(['by-createdAt']);
      expect(models.index('by-createdAt').keyPath).toBe('createdAt');
      expect(tx.objectStore('settings').keyPath).toBe('key');
      await tx.done;
    } finally {
      db.close();
    }
  });
});

describe('unavailable storage', () => {
  it('says so when the browser has no IndexedDB', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const error = expectAppError(await caught(openStorage(freshName())), 'storage-unavailable');
    expect(error.message).toMatch(/no IndexedDB/);
  });

  it('says so when the data was saved by a newer app version', async () => {
    const name = freshName();
    (await openDB(name, SCHEMA_VERSION + 1)).close();
    const error = expectAppError(await caught(openStorage(name)), 'storage-unavailable');
    expect(error.message).toMatch(/newer version of this app/);
  });

  it('steps aside for another tab upgrading or clearing data, then says so', async () => {
    const name = freshName();
    const storage = await open(name);
    // Would hang if the open connection did not close itself on versionchange.
    (await openDB(name, SCHEMA_VERSION + 1)).close();
    const error = expectAppError(await caught(storage.listSamples()), 'storage-unavailable');
    expect(error.message).toMatch(/another tab/);
  });

  it('throws a plain error when used after close()', async () => {
    const storage = await open(freshName());
    storage.close();
    await expect(storage.countByLabel()).rejects.toThrow(/after close\(\)/);
  });
});

describe('estimateUsage', () => {
  it('is null where the browser has no storage estimate', async () => {
    vi.stubGlobal('navigator', {});
    expect(await estimateUsage()).toBeNull();
  });

  it('reports usage and quota in bytes', async () => {
    const estimate = async () => ({ usage: 1_234, quota: 10_000 });
    vi.stubGlobal('navigator', { storage: { estimate } });
    expect(await estimateUsage()).toEqual({ usageBytes: 1_234, quotaBytes: 10_000 });
  });
});

describe('schema version 2', () => {
  it('upgrades a version 1 database in place, keeping its samples', async () => {
    const name = freshName();
    const v1 = await openDB(name, 1, { upgrade: (db, oldVersion, _new, tx) =>
      upgrade(db as never, oldVersion, 1, tx as never) });
    await v1.add('samples', { label: 2, pixels: new Uint8Array(48 * 48), capturedAt: 1,
      source: 'camera' });
    v1.close();

    const storage = await open(name);
    expect(await storage.countByLabel()).toEqual([0, 0, 1, 0, 0, 0, 0]);
    expect(await storage.getCheckpoint('pretrain')).toBeUndefined();
  });

  it('saves, replaces and deletes pretraining checkpoints and data sets', async () => {
    const storage = await open(freshName());
    const artifacts = { modelTopology: {}, weightSpecs: [], weightData: new ArrayBuffer(8) };
    const checkpoint = { id: 'pretrain', savedAt: 1, state: { epoch: 1 }, model: artifacts,
      best: artifacts, optimizer: { specs: [], data: new ArrayBuffer(4) } };
    await storage.saveCheckpoint(checkpoint);
    await storage.saveCheckpoint({ ...checkpoint, state: { epoch: 2 } });
    expect((await storage.getCheckpoint('pretrain'))?.state).toEqual({ epoch: 2 });
    await storage.deleteCheckpoint('pretrain');
    expect(await storage.getCheckpoint('pretrain')).toBeUndefined();

    await storage.saveDataset({ id: 'fer', name: 'fer.csv', savedAt: 1, splits: {
      Training: { pixels: new Uint8Array([1, 2]), labels: new Uint8Array([3]), count: 1 } } });
    expect((await storage.getDataset('fer'))?.splits.Training.labels).toEqual(
      new Uint8Array([3]));
  });
});
