/**
 * Chooses the TensorFlow.js backend: WebGPU, then WebGL, WASM and CPU, taking the first
 * that starts. A user override is tried first and falls back the same way if it fails.
 * Pure control flow: starting a backend is injected, so the order is unit-tested.
 */
export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];
export type BackendPreference = BackendName | 'auto';

export const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU',
};

export interface BackendAttempt {
  backend: BackendName;
  /** Why it could not be used; absent for the backend chosen. */
  failure?: string;
}

export interface BackendChoice {
  backend: BackendName;
  /** How the chosen backend runs, when there is something to say ("2 threads"). */
  detail?: string;
  attempts: BackendAttempt[];
}

export function candidateOrder(preference: BackendPreference): BackendName[] {
  if (preference === 'auto') return [...BACKEND_ORDER];
  return [preference, ...BACKEND_ORDER.filter((b) => b !== preference)];
}

export async function selectBackend(
  preference: BackendPreference, start: (backend: BackendName) => Promise<string | void>,
): Promise<BackendChoice> {
  const attempts: BackendAttempt[] = [];
  for (const backend of candidateOrder(preference)) {
    try {
      const detail = await start(backend);
      attempts.push({ backend });
      return detail ? { backend, detail, attempts } : { backend, attempts };
    } catch (e) {
      attempts.push({ backend, failure: e instanceof Error ? e.message : String(e) });
    }
  }
  const reasons = attempts.map((a) => `${BACKEND_LABELS[a.backend]}: ${a.failure}`).join('; ');
  throw new Error(`No TensorFlow.js backend could start (${reasons}).`);
}
