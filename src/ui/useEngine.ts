import { useEffect, useState } from 'react';
import { AppError, describeCause } from '../app/errors';
import { createEngine, type Engine, type LoadStage } from '../app/engine';
import type { BackendPreference } from '../classify/backend-selection';

export type EngineState =
  | { status: 'loading'; stage: LoadStage }
  | { status: 'ready'; engine: Engine }
  | { status: 'error'; error: AppError };

/** Loads (and on a new preference or retry, reloads) the engine; disposes it on unmount. */
export function useEngine(preference: BackendPreference, attempt: number): EngineState {
  const [state, setState] = useState<EngineState>({ status: 'loading', stage: 'backend' });
  useEffect(() => {
    let cancelled = false;
    let engine: Engine | null = null;
    setState({ status: 'loading', stage: 'backend' });
    createEngine(preference, (stage) => !cancelled && setState({ status: 'loading', stage }))
      .then((e) => {
        engine = e;
        if (cancelled) e.dispose();
        else setState({ status: 'ready', engine: e });
      })
      .catch((cause: unknown) => {
        if (cancelled) return;
        const error = cause instanceof AppError ? cause : new AppError('backend-unavailable',
          `The app could not start its model (${describeCause(cause)}). Try another ` +
          'backend or reload the page.', cause);
        setState({ status: 'error', error });
      });
    return () => {
      cancelled = true;
      engine?.dispose();
    };
  }, [preference, attempt]);
  return state;
}
