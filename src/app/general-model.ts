/**
 * Which general model this browser uses: the one shipped with the app, unless the user made
 * a model pretrained in this browser the general one (stored in IndexedDB). Works in the
 * page and in workers.
 */
import type * as tf from '@tensorflow/tfjs';
import { GENERAL_MODEL_URL, loadGeneralModel } from '../classify/expression-classifier';
import { deserializeModel } from '../personal/model-artifacts';
import type { ModelRecord } from '../storage/schema';
import { openStorage } from '../storage/store';
import { AppError, describeCause } from './errors';

export const GENERAL_MODEL_KEY = 'generalModelId';

export interface GeneralModelSource {
  /** Identifies the weights, e.g. for caching features computed with them. */
  key: string;
  load(): Promise<tf.LayersModel>;
}

export async function generalModelSource(): Promise<GeneralModelSource> {
  const shipped = { key: GENERAL_MODEL_URL,
    load: () => loadGeneralModel(new URL(GENERAL_MODEL_URL, self.location.href).href) };
  let storage;
  try {
    storage = await openStorage();
  } catch {
    return shipped; // No storage (private mode): the shipped model still works.
  }
  try {
    const id = await storage.getSetting<string | null>(GENERAL_MODEL_KEY, null);
    const record = id ? await storage.getModel(id) : undefined;
    if (!record) return shipped;
    return { key: `stored:${record.id}`, load: () => loadStoredModel(record) };
  } finally {
    storage.close();
  }
}

/**
 * A stored model fails to deserialize when its record is damaged or was written by an
 * incompatible version of the app: the model's fault, not the backend's, so say so.
 */
async function loadStoredModel(record: ModelRecord): Promise<tf.LayersModel> {
  try {
    return await deserializeModel(record.artifacts);
  } catch (cause) {
    throw new AppError('stored-general-model-failed', 'The general model pretrained in ' +
      `this browser ("${record.name}", id ${record.id}) could not be loaded (${describeCause(cause)}); ` +
      'its stored copy may be damaged or from an older version of the app. Try again, or ' +
      'go back to the shipped general model (your personal models are kept).', cause);
  }
}

/** Makes the shipped model the general one again; the stored pretrained model is kept. */
export async function restoreShippedGeneralModel(): Promise<void> {
  const storage = await openStorage();
  try {
    await storage.setSetting(GENERAL_MODEL_KEY, null);
  } finally {
    storage.close();
  }
}
