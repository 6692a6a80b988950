/** Messages between the page and the in-browser pretraining worker. */
import type { ImageSplit, EpochRecord, Recipe, RunState } from '../training/pretrain-run';
import type { SerializedModel } from '../personal/fine-tune-protocol';

export type ToPretrainWorker =
  | { type: 'start'; train: ImageSplit; valid: ImageSplit; recipe: Partial<Recipe>;
      resume: boolean; backend: string }
  | { type: 'stop' };

export type FromPretrainWorker =
  | { type: 'status'; text: string }
  | { type: 'progress'; epoch: number; step: number; steps: number; imagesPerSecond: number }
  | { type: 'epoch'; record: EpochRecord; epochs: number; isBest: boolean }
  | { type: 'done'; best: SerializedModel; state: RunState }
  | { type: 'stopped' }
  | { type: 'error'; message: string; code?: PretrainErrorCode };

/** Expected failures of a pretraining run; anything else arrives without a code. */
export type PretrainErrorCode = 'no-checkpoint' | 'dataset-mismatch';

export class PretrainError extends Error {
  constructor(readonly code: PretrainErrorCode, message: string) {
    super(message);
    this.name = 'PretrainError';
  }
}

/** The checkpoint id of the (single) in-browser pretraining run. */
export const PRETRAIN_CHECKPOINT_ID = 'pretrain';
