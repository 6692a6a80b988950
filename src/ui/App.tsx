import { useState } from 'react';
import type { BackendPreference } from '../classify/backend-selection';
import { BackendPicker } from './BackendPicker';
import { ErrorBoundary } from './ErrorBoundary';
import { ErrorNotice } from './ErrorNotice';
import { ImageAnalysis } from './ImageAnalysis';
import { LiveView } from './LiveView';
import { useEngine } from './useEngine';

const STAGE_LABELS = {
  backend: 'Starting the compute backend…',
  detector: 'Loading the face detector…',
  model: 'Loading the expression model…',
  'warm-up': 'Warming up the model…',
};

const PREFERENCE_KEY = 'personal-fer.backend';

function Workbench() {
  const [preference, setPreference] = useState<BackendPreference>(
    () => (localStorage.getItem(PREFERENCE_KEY) as BackendPreference | null) ?? 'auto');
  const [attempt, setAttempt] = useState(0);
  const [tab, setTab] = useState<'live' | 'photos'>('live');
  const state = useEngine(preference, attempt);

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
        <button type="button" aria-pressed={tab === 'live'} onClick={() => setTab('live')}>
          Live camera</button>
        <button type="button" aria-pressed={tab === 'photos'} onClick={() => setTab('photos')}
          data-testid="photos-tab">Photos</button>
      </nav>
      <main>
        {state.status === 'loading' && (
          <p className="notice" role="status" data-testid="loading">
            {STAGE_LABELS[state.stage]}</p>
        )}
        {state.status === 'error' && (
          <ErrorNotice error={state.error} onRetry={() => setAttempt((a) => a + 1)} />
        )}
        {state.status === 'ready' && (tab === 'live'
          ? <LiveView engine={state.engine} />
          : <ImageAnalysis engine={state.engine} />)}
      </main>
      <footer>Runs entirely in this browser: no image or result leaves the device.</footer>
    </>
  );
}

export function App() {
  return <ErrorBoundary><Workbench /></ErrorBoundary>;
}
