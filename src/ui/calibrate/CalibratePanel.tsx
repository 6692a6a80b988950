import { useCallback, useEffect, useState } from 'react';
import type { AppError } from '../../app/errors';
import type { Engine } from '../../app/engine';
import type { BackendPreference } from '../../classify/backend-selection';
import { CLASS_NAMES } from '../../model/architecture';
import type { FineTuneSettings } from '../../personal/fine-tune';
import type { FineTuneDone } from '../../personal/fine-tune-client';
import type { AppStorage, StoredSample } from '../../storage/store';
import { ErrorNotice } from '../ErrorNotice';
import { CaptureWizard } from './CaptureWizard';
import { ImportPhotos } from './ImportPhotos';
import { SampleReview } from './SampleReview';
import { TrainPanel } from './TrainPanel';

export const ACTIVE_MODEL_KEY = 'activeModelId';

/** Calibrating to the user's face: capture or import samples, review them, train, accept. */
export function CalibratePanel({ engine, storage, backend }: {
  engine: Engine; storage: AppStorage; backend: BackendPreference;
}) {
  const [samples, setSamples] = useState<StoredSample[]>([]);
  const [wizard, setWizard] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const refresh = useCallback(() => {
    storage.listSamples().then(setSamples).catch((e: AppError) => setError(e));
  }, [storage]);
  useEffect(refresh, [refresh]);

  const act = (work: Promise<unknown>) => work.then(refresh).catch((e: AppError) => setError(e));

  const accept = async (result: FineTuneDone, settings: FineTuneSettings) => {
    const id = crypto.randomUUID();
    const created = new Date();
    // The card holds every setting, defaults included, and an ISO date, so that the run can
    // be repeated from the card alone even after the defaults change.
    await storage.saveModel({ id, name: `My model, ${created.toLocaleString()}`,
      createdAt: created.getTime(), artifacts: result.model, card: {
        createdAt: created.toISOString(), samplesUsed: result.trainCount + result.validCount,
        settings, backend: result.backend,
        metrics: { heldOut: result.validCount, bestEpoch: result.bestEpoch,
          generalAccuracy: result.general?.accuracy ?? null,
          personalAccuracy: result.personal?.accuracy ?? null, history: result.history,
          trainingSeconds: result.seconds },
        classNames: [...CLASS_NAMES] } });
    await storage.setSetting(ACTIVE_MODEL_KEY, id);
    await engine.setPersonalModel(result.model);
  };

  return (
    <section className="calibrate" aria-label="Calibrate">
      {error && <ErrorNotice error={error} onRetry={() => { setError(null); refresh(); }} />}
      <h2>1. Collect examples of your expressions</h2>
      {wizard
        ? <CaptureWizard engine={engine} storage={storage} onChange={refresh}
          onClose={() => setWizard(false)} />
        : <button type="button" data-testid="start-wizard" onClick={() => setWizard(true)}>
          Calibrate with the camera</button>}
      <ImportPhotos engine={engine} storage={storage} onChange={refresh} />
      <h2>2. Review them</h2>
      <SampleReview samples={samples} onDelete={(id) => act(storage.deleteSample(id))}
        onDeleteAll={() => act(storage.deleteAllSamples())} />
      <h2>3. Train your model</h2>
      <TrainPanel samples={samples} backend={backend} storage={storage}
        onAccept={accept} />
    </section>
  );
}
