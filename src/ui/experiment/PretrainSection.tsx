import { useEffect, useRef, useState } from 'react';
import { GENERAL_MODEL_KEY } from '../../app/general-model';
import type { BackendPreference } from '../../classify/backend-selection';
import type { FerDataset } from '../../data/fer-csv';
import { startPretraining, type PretrainRun } from '../../pretrain/pretrain-client';
import {
  PRETRAIN_CHECKPOINT_ID, type FromPretrainWorker,
} from '../../pretrain/pretrain-protocol';
import type { SerializedModel } from '../../personal/fine-tune-protocol';
import type { AppStorage } from '../../storage/store';
import { RECIPE_DEFAULTS, type EpochRecord } from '../../training/pretrain-run';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/**
 * Trains the general model from scratch in this browser on the loaded FER-2013, with
 * checkpoints in IndexedDB; the result can replace the shipped general model here.
 */
export function PretrainSection({ dataset, storage, backend, onGeneralChanged }: {
  dataset: FerDataset; storage: AppStorage; backend: BackendPreference;
  onGeneralChanged: () => void;
}) {
  const [epochs, setEpochs] = useState(RECIPE_DEFAULTS.epochs);
  const [canResume, setCanResume] = useState(false);
  const [status, setStatus] = useState('');
  const [history, setHistory] = useState<EpochRecord[]>([]);
  const [best, setBest] = useState<SerializedModel | null>(null);
  const [running, setRunning] = useState(false);
  const run = useRef<PretrainRun | null>(null);

  useEffect(() => {
    storage.getCheckpoint(PRETRAIN_CHECKPOINT_ID).then((c) => setCanResume(!!c))
      .catch(() => setCanResume(false));
  }, [storage, running]);

  const start = async (resume: boolean) => {
    // Start writes over the single checkpoint, so losing a resumable run needs a yes.
    if (!resume && canResume && !window.confirm('A saved pretraining run can be resumed. ' +
      'Start afresh and overwrite its checkpoint?')) return;
    setRunning(true);
    setBest(null);
    const records: EpochRecord[] = [];
    const onEvent = (m: FromPretrainWorker) => {
      if (m.type === 'status') setStatus(m.text);
      if (m.type === 'progress') {
        setStatus(`Epoch ${m.epoch}: step ${m.step}/${m.steps}, ` +
          `${m.imagesPerSecond.toFixed(1)} images/s`);
      }
      if (m.type === 'epoch') {
        records.push(m.record);
        setHistory([...records]);
      }
    };
    run.current = startPretraining({ train: dataset.splits.Training,
      valid: dataset.splits.PublicTest }, { epochs }, resume, backend, onEvent);
    const end = await run.current.finished;
    if (end.type === 'done') {
      // A resumed run reported only its own epochs; the state holds every epoch so far.
      setHistory(end.state.history);
      setBest(end.best);
      setStatus(`Finished: best PublicTest accuracy ` +
        `${pct(end.state.bestValidAccuracy)} at epoch ${end.state.bestEpoch}.`);
    } else if (end.type === 'stopped') {
      setStatus('Stopped. The last finished epoch is saved: resume any time.');
    } else if (end.type === 'error') {
      setStatus(`Training failed: ${end.message}`);
    }
    setRunning(false);
  };

  const useAsGeneral = async (model: SerializedModel | null) => {
    let id: string | null = null;
    if (model) {
      id = crypto.randomUUID();
      await storage.saveModel({ id, name: 'General model, pretrained in this browser',
        createdAt: Date.now(), artifacts: model, card: { kind: 'general', samplesUsed:
          dataset.splits.Training.count, settings: { epochs }, backend,
          metrics: { publicTest: history.map((h) => h.validAccuracy) } } });
    }
    await storage.setSetting(GENERAL_MODEL_KEY, id);
    onGeneralChanged();
  };

  // The storage errors already say what to do; add only what did not happen.
  const choose = (model: SerializedModel | null) => useAsGeneral(model).catch((e: Error) =>
    setStatus(`Could not change the general model, so the previous one stays in use. ` +
      e.message));

  return (
    <section className="pretrain" aria-label="Pretrain">
      <h2>Pretrain the general model in this browser</h2>
      <p>Trains the network from scratch on FER-2013 Training, choosing the epoch by
        PublicTest accuracy. Every epoch is saved in this browser, so a closed tab loses at
        most one epoch. On a GPU with WebGPU an epoch takes minutes; on a CPU, hours.</p>
      <div className="controls">
        <label>Epochs <input type="number" min="1" value={epochs}
          onChange={(e) => setEpochs(Number(e.target.value))} /></label>
        <button type="button" disabled={running} data-testid="pretrain-start"
          onClick={() => void start(false)}>Start</button>
        {canResume && <button type="button" disabled={running}
          onClick={() => void start(true)}>Resume</button>}
        {running && <button type="button" onClick={() => run.current?.stop()}>Stop</button>}
      </div>
      {status && <p className="notice" role="status" data-testid="pretrain-status">{status}</p>}
      {history.length > 0 && (
        <table className="comparison" data-testid="pretrain-history">
          <thead><tr><th>epoch</th><th>train acc</th><th>valid acc</th><th>images/s</th></tr>
          </thead>
          <tbody>{history.map((h) => (
            <tr key={h.epoch}><td>{h.epoch}</td><td>{pct(h.trainAccuracy)}</td>
              <td>{pct(h.validAccuracy)}</td><td>{h.imagesPerSecond.toFixed(1)}</td></tr>
          ))}</tbody>
        </table>
      )}
      <div className="controls">
        {best && <button type="button" data-testid="use-as-general"
          onClick={() => void choose(best)}>Use as this browser's general model</button>}
        <button type="button" onClick={() => void choose(null)}>
          Use the shipped general model</button>
      </div>
    </section>
  );
}
