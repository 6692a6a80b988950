import { describe, expect, it } from 'vitest';
import { candidateOrder, selectBackend, type BackendName } from './backend-selection';

const starter = (working: BackendName[]) => async (b: BackendName) => {
  if (!working.includes(b)) throw new Error(`${b} unavailable`);
};

describe('backend selection', () => {
  it('prefers WebGPU, then WebGL, WASM and CPU', async () => {
    expect((await selectBackend('auto', starter(['webgpu', 'wasm']))).backend).toBe('webgpu');
    const choice = await selectBackend('auto', starter(['wasm', 'cpu']));
    expect(choice.backend).toBe('wasm');
    expect(choice.attempts).toEqual([
      { backend: 'webgpu', failure: 'webgpu unavailable' },
      { backend: 'webgl', failure: 'webgl unavailable' },
      { backend: 'wasm' },
    ]);
  });

  it('tries a user override first and falls back in order when it fails', async () => {
    expect(candidateOrder('wasm')).toEqual(['wasm', 'webgpu', 'webgl', 'cpu']);
    expect((await selectBackend('cpu', starter(['webgpu', 'cpu']))).backend).toBe('cpu');
    expect((await selectBackend('webgpu', starter(['webgl']))).backend).toBe('webgl');
  });

  it('names every failure when nothing starts', async () => {
    await expect(selectBackend('auto', starter([]))).rejects.toThrow(
      /WebGPU: webgpu unavailable; WebGL: webgl unavailable; WASM: .*CPU: cpu unavailable/);
  });
});
