/**
 * The app's only door to IndexedDB: samples, models and settings (see schema.ts for what
 * lives where). Every write is one transaction that either commits whole or rolls back
 * whole, so a failed write (storage full, a bad row) never loses or half-writes data.
 */
import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { AppError } from '../app/errors';
import { DATABASE_NAME } from '../app/clear-data';
import { NUM_CLASSES } from '../model/architecture';
import {
  SCHEMA_VERSION, upgrade, type AppDBSchema, type CheckpointRecord, type DatasetRecord,
  type ModelRecord, type SampleRecord,
} from './schema';
import {
  openErrorFrom, storageUnavailableError, writeErrorFrom,
} from './storage-errors';
import { checkModelRecord, checkNewSample, type NewSample } from './validate';

export type { NewSample } from './validate';
export type StoredSample = SampleRecord & { id: number };
/** A model without its weights: what the model list shows. */
export type ModelMeta = Omit<ModelRecord, 'artifacts'>;

/** Named to stay clear of the DOM's `Storage` (localStorage). */
export interface AppStorage {
  /** Adds all samples in one transaction, or none; resolves to their new ids, in order. */
  addSamples(samples: readonly NewSample[]): Promise<number[]>;
  /** Oldest first. */
  listSamples(): Promise<StoredSample[]>;
  /** Samples per class, indexed like CLASS_NAMES (length NUM_CLASSES). */
  countByLabel(): Promise<number[]>;
  deleteSample(id: number): Promise<void>;
  deleteAllSamples(): Promise<void>;
  /** Throws AppError 'model-exists' rather than overwrite a model with the same id. */
  saveModel(record: ModelRecord): Promise<void>;
  /** Newest first, without weights. */
  listModels(): Promise<ModelMeta[]>;
  getModel(id: string): Promise<ModelRecord | undefined>;
  /** Throws AppError 'model-not-found' if the model is gone (e.g. deleted in another tab). */
  renameModel(id: string, name: string): Promise<void>;
  /** Deleting a model that is already gone does nothing. */
  deleteModel(id: string): Promise<void>;
  /**
   * The stored value, unchecked: the caller stays consistent about each key's type.
   * `fallback` when the key was never set.
   */
  getSetting<T>(key: string, fallback: T): Promise<T>;
  setSetting(key: string, value: unknown): Promise<void>;
  /** Replaces the checkpoint with the same id, atomically. */
  saveCheckpoint(record: CheckpointRecord): Promise<void>;
  getCheckpoint(id: string): Promise<CheckpointRecord | undefined>;
  deleteCheckpoint(id: string): Promise<void>;
  saveDataset(record: DatasetRecord): Promise<void>;
  getDataset(id: string): Promise<DatasetRecord | undefined>;
  deleteDataset(id: string): Promise<void>;
  /** Ends the connection; calls after this throw. */
  close(): void;
}

export interface StorageUsage {
  usageBytes: number;
  quotaBytes: number;
}

type Database = IDBPDatabase<AppDBSchema>;
type StoreName = StoreNames<AppDBSchema>;
type WriteTransaction<Name extends StoreName> = IDBPTransaction<AppDBSchema, [Name], 'readwrite'>;

const ignore = (): void => {};

/**
 * Opens (creating or upgrading as needed) the app's database. The caller owns the returned
 * storage and should `close()` it when done; a connection left open blocks a later schema
 * upgrade or "clear stored data" until this page closes it.
 */
export async function openStorage(name: string = DATABASE_NAME): Promise<AppStorage> {
  const db = await openDatabase(name);
  return createStorage(db);
}

/** Approximate bytes used and allowed for this origin; null where the browser can't say. */
export async function estimateUsage(): Promise<StorageUsage | null> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (typeof storage?.estimate !== 'function') return null;
  try {
    const { usage, quota } = await storage.estimate();
    if (usage === undefined || quota === undefined) return null;
    return { usageBytes: usage, quotaBytes: quota };
  } catch {
    return null; // advisory only: no number is better than a failure here
  }
}

function openDatabase(name: string): Promise<Database> {
  if (typeof indexedDB === 'undefined') {
    return Promise.reject(storageUnavailableError('this browser offers no IndexedDB to ' +
      'this page. Private windows in some browsers turn it off: try a normal window.'));
  }
  return new Promise((resolve, reject) => {
    let gaveUp = false;
    openDB<AppDBSchema>(name, SCHEMA_VERSION, {
      upgrade,
      // Another tab holds an older schema open. Waiting could hang this page forever, so
      // fail now with a way out; the open request itself cannot be cancelled.
      blocked: () => {
        gaveUp = true;
        reject(storageUnavailableError('another tab has an older version of this app ' +
          'open. Close the other tabs of this app, then reload this page.'));
      },
    }).then(
      (db) => (gaveUp ? db.close() : resolve(db)),
      (cause: unknown) => reject(openErrorFrom(cause)),
    );
  });
}

function createStorage(db: Database): AppStorage {
  let closedBecause: string | null = null;
  // Let another tab upgrade the schema or clear stored data instead of blocking it.
  db.addEventListener('versionchange', () => {
    db.close();
    closedBecause = 'another tab upgraded this app or cleared its data. Reload the page.';
  });
  // Fired when the browser drops the connection, e.g. site data cleared in its settings.
  db.addEventListener('close', () => {
    closedBecause = 'the browser closed the database. Reload the page.';
  });

  let closedByCaller = false;
  const live = (): Database => {
    if (closedByCaller) {
      throw new Error('Storage used after close(); open a new one with openStorage().');
    }
    if (closedBecause !== null) throw storageUnavailableError(closedBecause);
    return db;
  };

  return {
    async addSamples(samples) {
      const rows = samples.map(checkNewSample);
      if (rows.length === 0) return [];
      return writeAtomically(live(), 'samples', (tx) => {
        const requests = rows.map((row) => {
          const request = tx.store.add(row);
          request.catch(ignore); // the transaction's outcome reports the failure, once
          return request;
        });
        return Promise.all(requests);
      });
    },

    async listSamples() {
      // Index order is capturedAt, then id for equal times. Stored rows always have an id.
      const rows = await live().getAllFromIndex('samples', 'by-capturedAt');
      return rows as StoredSample[];
    },

    async countByLabel() {
      const index = live().transaction('samples').store.index('by-label');
      const labels = Array.from({ length: NUM_CLASSES }, (_, label) => label);
      return Promise.all(labels.map((label) => index.count(label)));
    },

    async deleteSample(id) {
      await writeAtomically(live(), 'samples', (tx) => tx.store.delete(id));
    },

    async deleteAllSamples() {
      await writeAtomically(live(), 'samples', (tx) => tx.store.clear());
    },

    async saveModel(record) {
      checkModelRecord(record);
      await writeAtomically(live(), 'models', async (tx) => {
        // Checked in the same transaction, so no other tab can slip in between; `add`
        // would refuse too, but with a ConstraintError the UI could not explain.
        if (await tx.store.getKey(record.id) !== undefined) {
          throw new AppError('model-exists', `A model with id ${record.id} is already ` +
            `saved; nothing was overwritten. Save this one under a new id.`);
        }
        await tx.store.add(record);
      });
    },

    async listModels() {
      // A cursor that drops the weights as it goes, rather than a second metadata store:
      // people keep a handful of models, so reading each record's ~8 MB weight buffer once
      // per listing is cheap next to keeping two stores in step. If model counts grow,
      // a v2 migration can split the artifacts into their own store.
      const models: ModelMeta[] = [];
      const index = live().transaction('models').store.index('by-createdAt');
      let cursor = await index.openCursor(null, 'prev');
      while (cursor) {
        const { artifacts: _weights, ...meta } = cursor.value;
        models.push(meta);
        cursor = await cursor.continue();
      }
      return models;
    },

    async getModel(id) {
      return live().get('models', id);
    },

    async renameModel(id, name) {
      await writeAtomically(live(), 'models', async (tx) => {
        const record = await tx.store.get(id);
        if (!record) {
          throw new AppError('model-not-found', `The model to rename (id ${id}) is no ` +
            `longer saved; it may have been deleted in another tab. Reload the model list.`);
        }
        await tx.store.put({ ...record, name });
      });
    },

    async deleteModel(id) {
      await writeAtomically(live(), 'models', (tx) => tx.store.delete(id));
    },

    async getSetting<T>(key: string, fallback: T): Promise<T> {
      const row = await live().get('settings', key);
      return row === undefined ? fallback : (row.value as T);
    },

    async setSetting(key, value) {
      await writeAtomically(live(), 'settings', (tx) => tx.store.put({ key, value }));
    },

    async saveCheckpoint(record) {
      await writeAtomically(live(), 'checkpoints', (tx) => tx.store.put(record));
    },
    async getCheckpoint(id) {
      return live().get('checkpoints', id);
    },
    async deleteCheckpoint(id) {
      await writeAtomically(live(), 'checkpoints', (tx) => tx.store.delete(id));
    },
    async saveDataset(record) {
      await writeAtomically(live(), 'datasets', (tx) => tx.store.put(record));
    },
    async getDataset(id) {
      return live().get('datasets', id);
    },
    async deleteDataset(id) {
      await writeAtomically(live(), 'datasets', (tx) => tx.store.delete(id));
    },

    close() {
      closedByCaller = true;
      db.close();
    },
  };
}

/**
 * Runs `work` in one readwrite transaction and resolves once that transaction has committed.
 * On any failure the transaction is aborted, which rolls back every request it made, and
 * the error is reported only after the rollback is done.
 */
async function writeAtomically<Name extends StoreName, T>(
  db: Database,
  storeName: Name,
  work: (tx: WriteTransaction<Name>) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(storeName, 'readwrite');
  const done = tx.done;
  done.catch(ignore); // handled below; `work` may fail before we get to await `done`
  try {
    const result = await work(tx);
    await done;
    return result;
  } catch (error) {
    // Requests that failed abort the transaction by themselves; an exception thrown by
    // `work` (a bad row, a model-exists check) leaves it active, so abort it here.
    try {
      tx.abort();
    } catch {
      // already aborted or finished
    }
    await done.catch(ignore);
    throw writeErrorFrom(error, tx.error);
  }
}
