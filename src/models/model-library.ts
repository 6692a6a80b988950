/**
 * Moving personal models between the browser's storage and files: export one as a package,
 * import a package as a new model (never overwriting one that exists).
 */
import type { AppStorage, ModelMeta } from '../storage/store';
import { checkTopology } from './architecture-check';
import {
  checkImportSize, exportModelPackage, importModelZip, readModelFiles, type PackagedModel,
} from './model-package';

export async function exportStoredModel(
  storage: AppStorage, id: string, includeSamples: boolean,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const record = await storage.getModel(id);
  if (!record) throw new Error('That model is no longer stored (deleted in another tab?).');
  const samples = includeSamples ? await storage.listSamples() : [];
  const bytes = exportModelPackage({ name: record.name, card: record.card,
    artifacts: record.artifacts, samples });
  const safe = record.name.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '') || 'model';
  return { fileName: `${safe}.zip`, bytes };
}

/** A file the user picked; its size is known before its bytes are read (a DOM File fits). */
export interface PickedFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

async function readPicked(files: readonly PickedFile[]): Promise<PackagedModel> {
  const zip = files.find((f) => f.name.toLowerCase().endsWith('.zip'));
  // A zip is read alone; loose files (model.json + weights) count together.
  const used = zip ? [zip] : files;
  checkImportSize(used.reduce((n, f) => n + f.size, 0),
    zip ? 'Zip file size' : 'Picked files together');
  const read = await Promise.all(used.map(async (f) =>
    [f.name, new Uint8Array(await f.arrayBuffer())] as const));
  return zip ? importModelZip(read[0][1]) : readModelFiles(Object.fromEntries(read));
}

/**
 * Parses `files` (one .zip, or a model.json with its weight files), builds the network
 * once to check it, and stores the model under a new id. Sizes are checked before any
 * file is read. Throws ModelImportError before touching storage when anything is wrong.
 */
export async function importModelFiles(
  storage: AppStorage, files: readonly PickedFile[],
): Promise<ModelMeta> {
  const parsed = await readPicked(files);
  await checkTopology(parsed.artifacts);
  const meta: ModelMeta = { id: crypto.randomUUID(), name: parsed.name,
    createdAt: Date.now(), card: { ...parsed.card, importedAt: new Date().toISOString() } };
  await storage.saveModel({ ...meta, artifacts: parsed.artifacts });
  return meta;
}
