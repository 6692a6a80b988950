import { useEffect, useRef, useState } from 'react';
import type { BackendPreference } from '../../classify/backend-selection';
import { parseFerFile } from '../../data/fer-csv-client';
import { SPLITS, type FerDataset } from '../../data/fer-csv';
import {
  FORGETTING_DEFAULTS, forgettingCsv, type ForgettingPoint, type ForgettingResult,
} from '../../experiments/forgetting';
import {
  startForgettingExperiment, type WorkerRun,
} from '../../personal/fine-tune-client';
import type { DatasetRecord } from '../../storage/schema';
import type { AppStorage } from '../../storage/store';
import { LineChart } from '../calibrate/LineChart';
import { PretrainSection } from './PretrainSection';

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const STORED_DATASET_ID = 'fer2013';
const EMPTY_COUNTS = { Training: 0, PublicTest: 0, PrivateTest: 0 };

/**
 * `kept` says whether the loaded data set is the one stored in this browser; it lives with
 * the data so that picking another file can never inherit the old file's tick.
 */
type Data =
  | { status: 'none' }
  | { status: 'reading'; fraction: number }
  | { status: 'ready'; name: string; dataset: FerDataset; kept: boolean }
  | { status: 'error'; message: string };
type Ready = Extract<Data, { status: 'ready' }>;

/** A stored data set keeps only the splits; the parse statistics are not stored. */
function restoredData(stored: DatasetRecord): Data {
  return { status: 'ready', name: stored.name, kept: true, dataset: {
    splits: stored.splits as FerDataset['splits'], rows: 0,
    blankImages: { ...EMPTY_COUNTS }, duplicateImages: { ...EMPTY_COUNTS } } };
}

/**
 * What personalising costs on FER-2013: accuracy on the user's held-out samples and on
 * PrivateTest as fine-tuning epochs grow, head-only versus joint training.
 */
export function ExperimentPanel({ storage, backend, onGeneralChanged }: {
  storage: AppStorage; backend: BackendPreference; onGeneralChanged: () => void;
}) {
  const [data, setData] = useState<Data>({ status: 'none' });
  const [epochs, setEpochs] = useState(FORGETTING_DEFAULTS.epochs);
  const [points, setPoints] = useState<ForgettingPoint[]>([]);
  const [result, setResult] = useState<ForgettingResult | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState('');
  const run = useRef<WorkerRun<ForgettingResult> | null>(null);

  useEffect(() => {
    // A file the user picked while this lookup ran wins over the stored one.
    storage.getDataset(STORED_DATASET_ID).then((stored) => stored && setData((d) =>
      d.status === 'none' ? restoredData(stored) : d))
      .catch((e: Error) => setError(`Could not read the kept data set: ${e.message}. ` +
        'Pick the CSV again.'));
  }, [storage]);

  const read = async (file: File | undefined) => {
    if (!file) return;
    setData({ status: 'reading', fraction: 0 });
    try {
      const dataset = await parseFerFile(file, (fraction) =>
        setData({ status: 'reading', fraction }));
      setData({ status: 'ready', name: file.name, dataset, kept: false });
    } catch (e) {
      setData({ status: 'error', message: (e as Error).message });
    }
  };

  /** Ticks at once, and unticks again if storage refuses, so the box shows what is kept. */
  const keep = async (want: boolean) => {
    if (data.status !== 'ready') return;
    const { dataset, name } = data;
    const same = (d: Data): d is Ready => d.status === 'ready' && d.dataset === dataset;
    setData((d) => same(d) ? { ...d, kept: want } : d);
    try {
      if (want) {
        await storage.saveDataset({ id: STORED_DATASET_ID, name, savedAt: Date.now(),
          splits: dataset.splits });
      } else {
        await storage.deleteDataset(STORED_DATASET_ID);
      }
    } catch (e) {
      setData((d) => same(d) ? { ...d, kept: !want } : d);
      setError((e as Error).message);
    }
  };

  const start = async () => {
    if (data.status !== 'ready') return;
    setError('');
    setPoints([]);
    setResult(null);
    setRunning(true);
    const collected: ForgettingPoint[] = [];
    try {
      const samples = await storage.listSamples();
      const { splits } = data.dataset;
      run.current = startForgettingExperiment(samples,
        { training: splits.Training, privateTest: splits.PrivateTest }, { epochs }, backend,
        (m) => {
          if (m.type !== 'point') return;
          collected.push(m.point);
          setPoints([...collected]);
        });
      setResult(await run.current.result);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  };

  const curve = (mode: string, key: 'userAccuracy' | 'ferAccuracy') =>
    points.filter((p) => p.mode === mode).map((p) => p[key]);
  return (
    <section className="experiment" aria-label="Forgetting experiment">
      <p>Does personalising make the model forget FER-2013? Pick the Kaggle FER-2013 CSV
        (fer2013.csv or icml_face_data.csv, plain or gzipped). It is read in this browser
        and never uploaded.</p>
      <label className="drop-zone">Choose the FER-2013 CSV
        <input type="file" accept=".csv,.gz" data-testid="fer-file"
          onChange={(e) => void read(e.target.files?.[0])} />
      </label>
      {data.status === 'reading' && <progress max={1} value={data.fraction} />}
      {data.status === 'error' && <p className="notice error" role="alert"
        data-testid="fer-error">{data.message}</p>}
      {data.status === 'ready' && (
        <p className="notice" role="status" data-testid="fer-summary">{data.name}
          {data.kept && ' (kept in this browser)'}: {SPLITS
          .map((s) => `${s} ${data.dataset.splits[s].count}`).join(', ')}.</p>
      )}
      <div className="controls">
        <label>Epochs <input type="number" min="1" value={epochs}
          data-testid="experiment-epochs"
          onChange={(e) => setEpochs(Number(e.target.value))} /></label>
        <button type="button" data-testid="run-experiment" disabled={data.status !== 'ready' ||
          running} onClick={() => void start()}>Run the experiment</button>
        {running && <button type="button" onClick={() => run.current?.cancel()}>Cancel</button>}
      </div>
      {running && <progress max={2 * (epochs + 1)} value={points.length} />}
      {error && <p className="notice error" role="alert">{error}</p>}
      {points.length > 0 && (
        <div className="charts" data-testid="experiment-charts">
          <LineChart title="Accuracy on your held-out samples" epochs={epochs + 1} series={[
            { name: 'head only', values: curve('head-only', 'userAccuracy'), colour: '#35d0a5' },
            { name: 'joint', values: curve('joint', 'userAccuracy'), colour: '#f3b341' }]} />
          <LineChart title="Accuracy on FER-2013 PrivateTest" epochs={epochs + 1} series={[
            { name: 'head only', values: curve('head-only', 'ferAccuracy'), colour: '#35d0a5' },
            { name: 'joint', values: curve('joint', 'ferAccuracy'), colour: '#f3b341' }]} />
        </div>
      )}
      {data.status === 'ready' && (
        <label>
          <input type="checkbox" data-testid="keep-dataset" checked={data.kept}
            onChange={(e) => void keep(e.target.checked)} />
          {' '}Keep this data set in this browser (about 83 MB), so it need not be picked
          again
        </label>
      )}
      {result && (
        <div className="controls" data-testid="experiment-done">
          <button type="button" onClick={() => download('forgetting.csv', forgettingCsv(result),
            'text/csv')}>Download CSV</button>
          <button type="button" onClick={() => download('forgetting.json',
            JSON.stringify(result, null, 2), 'application/json')}>Download JSON</button>
        </div>
      )}
      {data.status === 'ready' && <PretrainSection dataset={data.dataset} storage={storage}
        backend={backend} onGeneralChanged={onGeneralChanged} />}
    </section>
  );
}
