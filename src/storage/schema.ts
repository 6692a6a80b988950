/**
 * What the app keeps in IndexedDB, and how each schema version is reached.
 *
 * Database `personal-fer` (DATABASE_NAME in app/clear-data.ts), schema version 1:
 * - `samples`: the user's labelled faces, one 48x48 8-bit grayscale crop per row.
 * - `models`: personalised models, each with its model card and tfjs weights.
 * - `settings`: small key/value preferences.
 *
 * To change the schema: bump SCHEMA_VERSION and append one step to MIGRATIONS. Never edit
 * a step that has shipped: browsers out there have already run it and will not run it again.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { INPUT_SIZE_PX } from '../model/architecture';

export const SCHEMA_VERSION = 2;

/** One stored face: INPUT_SIZE_PX x INPUT_SIZE_PX bytes, row-major (pixels[y * 48 + x]). */
export const SAMPLE_PIXEL_COUNT = INPUT_SIZE_PX * INPUT_SIZE_PX;

export type SampleSource = 'camera' | 'import';

export interface SampleRecord {
  /** Assigned by the store on insert (autoIncrement). */
  id?: number;
  /** Class index in FER-2013 order (CLASS_NAMES in model/architecture.ts), 0-6. */
  label: number;
  /** SAMPLE_PIXEL_COUNT gray levels, 0 = black, 255 = white, row-major. */
  pixels: Uint8Array;
  /** When the face was captured or imported, ms since the Unix epoch. */
  capturedAt: number;
  source: SampleSource;
  /** The imported file's name; absent for camera captures. */
  sourceName?: string;
}

/**
 * What the app needs to show and reproduce a trained model. Kept open: each training run may
 * add JSON-serialisable fields without a schema change.
 */
export interface ModelCard {
  [field: string]: unknown;
  samplesUsed: number;
  settings: Record<string, unknown>;
  metrics: Record<string, unknown>;
  backend: string;
}

/** The parts of tfjs `ModelArtifacts` needed to rebuild the model, weights in one buffer. */
export interface ModelArtifactsRecord {
  modelTopology: unknown;
  weightSpecs: unknown[];
  weightData: ArrayBuffer;
}

export interface ModelRecord {
  id: string;
  name: string;
  /** ms since the Unix epoch. */
  createdAt: number;
  card: ModelCard;
  artifacts: ModelArtifactsRecord;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

/** A resumable in-browser pretraining run: weights, Adam's state and the run state. */
export interface CheckpointRecord {
  id: string;
  savedAt: number;
  /** The run state of training/pretrain-run.ts (epoch, step, history, recipe). */
  state: unknown;
  model: ModelArtifactsRecord;
  /** Weights of the epoch with the best validation accuracy so far. */
  best: ModelArtifactsRecord;
  optimizer: { specs: { name: string; shape: number[] }[]; data: ArrayBuffer };
}

/** A parsed FER-2013 file, kept only when the user asks. */
export interface DatasetRecord {
  id: string;
  name: string;
  savedAt: number;
  /** Split name -> 8-bit images back to back and their labels. */
  splits: Record<string, { pixels: Uint8Array; labels: Uint8Array; count: number }>;
}

export interface AppDBSchema extends DBSchema {
  samples: {
    key: number;
    value: SampleRecord;
    indexes: { 'by-label': number; 'by-capturedAt': number };
  };
  models: {
    key: string;
    value: ModelRecord;
    indexes: { 'by-createdAt': number };
  };
  settings: {
    key: string;
    value: SettingRecord;
  };
  checkpoints: {
    key: string;
    value: CheckpointRecord;
  };
  datasets: {
    key: string;
    value: DatasetRecord;
  };
}

export type UpgradeTransaction =
  IDBPTransaction<AppDBSchema, StoreNames<AppDBSchema>[], 'versionchange'>;

/**
 * One schema step. It runs inside the upgrade transaction, so if it throws, the open fails
 * and the database stays at its previous version with its data untouched. A step that moves
 * data must issue its requests on `tx` without awaiting anything else, or `tx` commits early.
 */
export type Migration = (db: IDBPDatabase<AppDBSchema>, tx: UpgradeTransaction) => void;

function createInitialStores(db: IDBPDatabase<AppDBSchema>): void {
  const samples = db.createObjectStore('samples', { keyPath: 'id', autoIncrement: true });
  samples.createIndex('by-label', 'label');
  samples.createIndex('by-capturedAt', 'capturedAt');

  const models = db.createObjectStore('models', { keyPath: 'id' });
  models.createIndex('by-createdAt', 'createdAt');

  db.createObjectStore('settings', { keyPath: 'key' });
}

/** v2: in-browser pretraining checkpoints and stored FER-2013 data sets. */
function createTrainingStores(db: IDBPDatabase<AppDBSchema>): void {
  db.createObjectStore('checkpoints', { keyPath: 'id' });
  db.createObjectStore('datasets', { keyPath: 'id' });
}

/** MIGRATIONS[v] takes a database at version v - 1 to version v. */
export const MIGRATIONS: readonly Migration[] = [
  () => {}, // v0: the empty database a first open starts from; nothing to do.
  createInitialStores,
  createTrainingStores,
];

/** The `upgrade` callback for idb's `openDB`: runs every step from oldVersion + 1 on. */
export function upgrade(
  db: IDBPDatabase<AppDBSchema>,
  oldVersion: number,
  newVersion: number | null,
  tx: UpgradeTransaction,
): void {
  const target = newVersion ?? SCHEMA_VERSION;
  for (let version = oldVersion + 1; version <= target; version++) {
    const step = MIGRATIONS[version];
    if (!step) {
      throw new Error(`No migration to schema version ${version} (known: 1-` +
        `${MIGRATIONS.length - 1}). Append one to MIGRATIONS in storage/schema.ts.`);
    }
    step(db, tx);
  }
}
