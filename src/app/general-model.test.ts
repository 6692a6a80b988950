/**
 * Choosing the general model: a damaged browser-pretrained model is reported as such, and
 * going back to the shipped model clears the choice without deleting the stored model.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GENERAL_MODEL_URL } from '../classify/expression-classifier';
import { openStorage } from '../storage/store';
import { AppError } from './errors';
import {
  GENERAL_MODEL_KEY, generalModelSource, restoreShippedGeneralModel,
} from './general-model';

/** A record whose weights do not fit its (empty) topology, as a damaged copy would. */
const damaged = {
  id: 'pretrained-1', name: 'Pretrained in this browser', createdAt: 1_000,
  card: { samplesUsed: 0, settings: {}, metrics: {}, backend: 'webgpu' },
  artifacts: {
    modelTopology: { class_name: 'Model', config: { layers: [] } },
    weightSpecs: [{ name: 'dense2/kernel', shape: [2, 2], dtype: 'float32' as const }],
    weightData: new Float32Array(4).buffer,
  },
};

beforeEach(() => {
  vi.stubGlobal('self', { location: { href: 'http://127.0.0.1:4173/' } });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('general model source', () => {
  it('uses the shipped model when none was chosen', async () => {
    expect((await generalModelSource()).key).toBe(GENERAL_MODEL_URL);
  });

  it('reports a damaged stored model, then restores the shipped one and keeps the record',
    async () => {
      const storage = await openStorage();
      await storage.saveModel(damaged);
      await storage.setSetting(GENERAL_MODEL_KEY, damaged.id);
      storage.close();

      const stored = await generalModelSource();
      expect(stored.key).toBe(`stored:${damaged.id}`);
      const error = await stored.load().then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('stored-general-model-failed');
      expect((error as AppError).message).toContain('Pretrained in this browser');

      await restoreShippedGeneralModel();
      expect((await generalModelSource()).key).toBe(GENERAL_MODEL_URL);
      const after = await openStorage();
      expect(await after.getModel(damaged.id)).toBeDefined();
      after.close();
    });
});
