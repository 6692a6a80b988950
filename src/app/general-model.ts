/**
 * Which general model this browser uses: the one shipped with the app, unless the user made
 * a model pretrained in this browser the general one (stored in IndexedDB). Works in the
 * page and in workers.
 */
import type * as tf from '@tensorflow/tfjs';
import { GENERAL_MODEL_URL, loadGeneralModel } from '../classify/expression-classifier';
import { deserializeModel } from '../personal/model-artifacts';
import { openStorage } from '../storage/store';

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
    return { key: `stored:${record.id}`, load: () => deserializeModel(record.artifacts) };
  } finally {
    storage.close();
  }
}
