import { useEffect, useRef, useState } from 'react';
import type { AppError } from '../../app/errors';
import type { BackendPreference } from '../../classify/backend-selection';
import type { EpochMetrics, FineTuneSettings } from '../../personal/fine-tune';
import {
  startFineTune, type FineTuneDone, type FineTuneRun,
} from '../../personal/fine-tune-client';
import type { AppStorage, StoredSample } from '../../storage/store';
import { ErrorNotice } from '../ErrorNotice';
import { ConfusionMatrix } from './ConfusionMatrix';
import { LineChart } from './LineChart';
import {
  defaultEditable, effectiveSettings, restoreEditable, TRAIN_SETTINGS_KEY,
  type EditableSettings as Editable,
} from './train-settings';

const FIELDS: { key: keyof Editable; label: string; step: string }[] = [
  { key: 'learningRate', label: 'Learning rate', step: 'any' },
  { key: 'epochs', label: 'Epochs (at most)', step: '1' },
  { key: 'batchSize', label: 'Batch size', step: '1' },
  { key: 'trainRatio', label: 'Train/valid ratio', step: '0.05' },
  { key: 'minDelta', label: 'Stop when loss improves by less than', step: 'any' },
];

type Run =
  | { status: 'idle'; accepted?: boolean }
  | { status: 'running'; stage: string; history: EpochMetrics[]; epochs: number }
  | { status: 'done'; result: FineTuneDone }
  | { status: 'error'; message: string };

/**
 * Fine-tunes in a worker with live curves; the new model becomes active only when the user
 * accepts it. The edited settings are kept in storage and come back on the next visit.
 */
export function TrainPanel({ samples, backend, storage, onAccept }: {
  samples: StoredSample[]; backend: BackendPreference; storage: AppStorage;
  /** `settings` are all those the run used, defaults included, for the model card. */
  onAccept: (result: FineTuneDone, settings: FineTuneSettings) => Promise<void>;
}) {
  const [settings, setSettings] = useState<Editable>(defaultEditable);
  const [run, setRun] = useState<Run>({ status: 'idle' });
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const [settingsError, setSettingsError] = useState<AppError | null>(null);
  const handle = useRef<FineTuneRun | null>(null);
  // Set on the first edit, so a slow restore does not overwrite what the user typed.
  const edited = useRef(false);
  // The settings of the run on screen: the form may change after it started.
  const runSettings = useRef<FineTuneSettings>(effectiveSettings(settings));
  const labels = new Set(samples.map((s) => s.label));

  useEffect(() => {
    let live = true;
    storage.getSetting<unknown>(TRAIN_SETTINGS_KEY, null).then((stored) => {
      if (live && !edited.current) setSettings(restoreEditable(stored));
    }).catch((e: AppError) => setSettingsError(e));
    return () => { live = false; };
  }, [storage]);

  const edit = (next: Editable) => {
    edited.current = true;
    setSettings(next);
    setSettingsError(null);
    storage.setSetting(TRAIN_SETTINGS_KEY, next).catch((e: AppError) => setSettingsError(e));
  };

  const start = async () => {
    setSaveError(null);
    setRun({ status: 'running', stage: 'Starting…', history: [], epochs: settings.epochs });
    // The worker gets every setting, so the card records exactly what it trained with.
    runSettings.current = effectiveSettings(settings);
    const history: EpochMetrics[] = [];
    handle.current = startFineTune(samples, runSettings.current, backend, (event) => {
      if (event.type === 'status') {
        setRun({ status: 'running', history: [...history], epochs: settings.epochs,
          stage: `${event.stage}${event.backend ? ` on ${event.backend}` : ''}` });
      } else if (event.type === 'epoch') {
        history.push(event.metrics);
        setRun({ status: 'running', history: [...history], epochs: event.epochs,
          stage: `epoch ${event.metrics.epoch}` });
      }
    });
    try {
      const result = await handle.current.result;
      setRun(result ? { status: 'done', result } : { status: 'idle' });
    } catch (e) {
      setRun({ status: 'error', message: (e as Error).message });
    }
  };

  const history = run.status === 'running' ? run.history
    : run.status === 'done' ? run.result.history : [];
  const epochs = run.status === 'running' ? run.epochs : Math.max(1, history.length);
  return (
    <section className="train" aria-label="Personalise">
      <form className="settings" onSubmit={(e) => { e.preventDefault(); void start(); }}>
        {FIELDS.map((f) => (
          <label key={f.key}>{f.label}
            <input type="number" step={f.step} min="0" value={settings[f.key]}
              onChange={(e) => edit({ ...settings, [f.key]: Number(e.target.value) })} />
          </label>
        ))}
        <button type="button" data-testid="reset-settings" disabled={run.status === 'running'}
          onClick={() => edit(defaultEditable())}>Reset to defaults</button>
        <button type="submit" data-testid="train" disabled={run.status === 'running' ||
          labels.size < 2}>Train my model</button>
        {labels.size < 2 && <span> Needs samples of at least two expressions.</span>}
      </form>
      {settingsError && <ErrorNotice error={settingsError} />}
      {run.status === 'running' && (
        <div role="status" data-testid="training">
          <progress max={run.epochs} value={run.history.length} /> {run.stage}
          <button type="button" onClick={() => handle.current?.cancel()}>Cancel</button>
        </div>
      )}
      {run.status === 'idle' && run.accepted && <p className="notice" role="status"
        data-testid="model-accepted">Your model is saved and active in the live view.</p>}
      {run.status === 'error' && <p className="notice error" role="alert">Training failed:
        {' '}{run.message}</p>}
      {history.length > 0 && (
        <div className="charts">
          <LineChart title="Loss" epochs={epochs} series={[
            { name: 'train', values: history.map((h) => h.trainLoss), colour: '#35d0a5' },
            { name: 'valid', values: history.map((h) => h.validLoss), colour: '#f3b341' }]} />
          <LineChart title="Accuracy" epochs={epochs} series={[
            { name: 'train', values: history.map((h) => h.trainAccuracy), colour: '#35d0a5' },
            { name: 'valid', values: history.map((h) => h.validAccuracy), colour: '#f3b341' }]} />
        </div>
      )}
      {run.status === 'done' && (
        <div className="evaluation" data-testid="evaluation">
          <p>Trained on {run.result.trainCount} samples in <span data-testid="training-seconds">
            {run.result.seconds.toFixed(1)}</span> s on
            {' '}{run.result.backend}; best epoch {run.result.bestEpoch}
            {run.result.stoppedEarly ? ' (stopped early)' : ''}. Held out: the latest
            {' '}{run.result.validCount} captures.</p>
          {run.result.general && run.result.personal ? (
            <div className="side-by-side">
              <ConfusionMatrix title="General model" report={run.result.general} />
              <ConfusionMatrix title="Your model" report={run.result.personal} />
            </div>
          ) : <p className="notice">No held-out samples: capture more to measure accuracy.</p>}
          {saveError && <ErrorNotice error={saveError} />}
          <button type="button" data-testid="accept-model" onClick={() => {
            onAccept(run.result, runSettings.current)
              .then(() => setRun({ status: 'idle', accepted: true }))
              .catch((e: AppError) => setSaveError(e));
          }}>Use this model</button>
          <button type="button" onClick={() => setRun({ status: 'idle' })}>Discard</button>
        </div>
      )}
    </section>
  );
}
