/**
 * Moving personal models between the browser's storage and files: export one as a package,
 * import a package as a new model (never overwriting one that exists).
 */
import type { AppStorage, ModelMeta } from '../storage/store';
import { exportModelPackage, importModelZip, readModelFiles, type PackagedModel }
  from './model-package';

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

/**
 * Parses `files` (one .zip, or a model.json with its weight files) and stores the model
 * under a new id. Throws before touching storage when anything is wrong.
 */
export async function importModelFiles(
  storage: AppStorage, files: { name: string; bytes: Uint8Array }[],
): Promise<ModelMeta> {
  const zip = files.find((f) => f.name.toLowerCase().endsWith('.zip'));
  const parsed: PackagedModel = zip ? importModelZip(zip.bytes)
    : readModelFiles(Object.fromEntries(files.map((f) => [f.name, f.bytes])));
  const meta: ModelMeta = { id: crypto.randomUUID(), name: parsed.name,
    createdAt: Date.now(), card: { ...parsed.card, importedAt: new Date().toISOString() } };
  await storage.saveModel({ ...meta, artifacts: parsed.artifacts });
  return meta;
}
