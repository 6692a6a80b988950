/** The layout of a pretraining checkpoints folder, shared by the trainer and its tools. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunState } from '../training/pretrain-run';

/** Names of the per-epoch checkpoint folders in `dir`, oldest first. */
export async function epochCheckpointNames(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((d) => /^epoch-\d+$/.test(d)).sort();
}

export async function readRunState(checkpointDir: string): Promise<RunState> {
  return JSON.parse(await readFile(join(checkpointDir, 'state.json'), 'utf8')) as RunState;
}
