import { useEffect, useState } from 'react';
import { AppError, describeCause } from '../app/errors';
import { restoreShippedGeneralModel } from '../app/general-model';
import type { BackendPreference } from '../classify/backend-selection';
import { BackendPicker } from './BackendPicker';
import { ACTIVE_MODEL_KEY, CalibratePanel } from './calibrate/CalibratePanel';
import { useStorage } from './calibrate/useStorage';
import { ErrorBoundary } from './ErrorBoundary';
import { ErrorNotice } from './ErrorNotice';
import { ImageAnalysis } from './ImageAnalysis';
import { ExperimentPanel } from './experiment/ExperimentPanel';
import { ModelsPanel } from './models/ModelsPanel';
import { LiveView, type LiveDisplay } from './LiveView';
import { useEngine } from './useEngine';

const STAGE_LABELS = {
  backend: 'Starting the compute backend…',
  detector: 'Loading the face detector…',
  model: 'Loading the expression model…',
  'warm-up': 'Warming up the model…',
};

const PREFERENCE_KEY = 'personal-fer.backend';
const DISPLAY_KEY = 'personal-fer.display';
type Tab = 'live' | 'photos' | 'calibrate' | 'models' | 'experiment';
const TABS: { id: Tab; label: string }[] = [
  { id: 'live', label: 'Live camera' }, { id: 'photos', label: 'Photos' },
  { id: 'calibrate', label: 'Personalise' }, { id: 'models', label: 'My models' },
  { id: 'experiment', label: 'FER-2013' }];

function Workbench() {
  const [preference, setPreference] = useState<BackendPreference>(
    () => (localStorage.getItem(PREFERENCE_KEY) as BackendPreference | null) ?? 'auto');
  const [attempt, setAttempt] = useState(0);
  const [tab, setTab] = useState<Tab>('live');
  const [display, setDisplay] = useState<LiveDisplay>(
    () => (localStorage.getItem(DISPLAY_KEY) as LiveDisplay | null) ?? 'personal');
  const state = useEngine(preference, attempt);
  const storage = useStorage();
  const [personalReady, setPersonalReady] = useState(false);
  const [personalError, setPersonalError] = useState<AppError | null>(null);

  // The personal model the user accepted last becomes active on every start.
  useEffect(() => {
    if (state.status !== 'ready' || storage.status !== 'ready') return;
    setPersonalReady(false);
    const s = storage.storage;
    s.getSetting<string | null>(ACTIVE_MODEL_KEY, null)
      .then((id) => (id ? s.getModel(id) : undefined))
      .then((record) => record && state.engine.setPersonalModel(record.artifacts))
      .then(() => setPersonalReady(true))
      .catch((e: unknown) => {
        setPersonalReady(true);
        setPersonalError(new AppError('model-load-failed', `Your personal model could not ` +
          `be loaded (${describeCause(e)}); the general model is used. It stays stored: ` +
          'pick it again, or another one, in My models.', e));
      });
  }, [state, storage]);

  const choose = (p: BackendPreference) => {
    localStorage.setItem(PREFERENCE_KEY, p);
    setPreference(p);
  };

  return (
    <>
      <header>
        <h1>Expression mirror</h1>
        <BackendPicker preference={preference} onChange={choose}
          choice={state.status === 'ready' ? state.engine.backend : null} />
      </header>
      <nav className="tabs">
        {TABS.map((t) => (
          <button key={t.id} type="button" aria-pressed={tab === t.id}
            data-testid={`${t.id}-tab`} onClick={() => setTab(t.id)}>{t.label}</button>
        ))}
      </nav>
      <main>
        {state.status === 'loading' && (
          <p className="notice" role="status" data-testid="loading">
            {STAGE_LABELS[state.stage]}</p>
        )}
        {state.status === 'error' && (
          <ErrorNotice error={state.error} onRetry={() => setAttempt((a) => a + 1)}
            fallback={state.error.code === 'stored-general-model-failed' ? {
              label: 'Use the shipped general model',
              // Retried either way: if storage failed too, the same notice comes back.
              onClick: () => void restoreShippedGeneralModel().catch(() => undefined)
                .then(() => setAttempt((a) => a + 1)),
            } : undefined} />
        )}
        {storage.status === 'error' && <ErrorNotice error={storage.error} />}
        {personalError && <ErrorNotice error={personalError} />}
        {state.status === 'ready' && tab === 'live' && (
          <LiveView engine={state.engine} display={display} personalReady={personalReady}
            onDisplayChange={(d) => { localStorage.setItem(DISPLAY_KEY, d); setDisplay(d); }} />
        )}
        {state.status === 'ready' && tab === 'photos' && <ImageAnalysis engine={state.engine} />}
        {state.status === 'ready' && tab === 'calibrate' && storage.status === 'ready' && (
          <CalibratePanel engine={state.engine} storage={storage.storage}
            backend={preference} />
        )}
        {state.status === 'ready' && tab === 'models' && storage.status === 'ready' && (
          <ModelsPanel engine={state.engine} storage={storage.storage} />
        )}
        {state.status === 'ready' && tab === 'experiment' && storage.status === 'ready' && (
          <ExperimentPanel storage={storage.storage} backend={preference}
            onGeneralChanged={() => setAttempt((a) => a + 1)} />
        )}
      </main>
      <footer>Runs entirely in this browser: no image or result leaves the device.</footer>
    </>
  );
}

export function App() {
  return <ErrorBoundary><Workbench /></ErrorBoundary>;
}
