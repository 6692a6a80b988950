/** Messages between the pretraining coordinator and its data-parallel worker threads. */

export interface SharedSplit {
  /** 8-bit pixels of every image, back to back (a SharedArrayBuffer view). */
  pixels: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export interface WorkerInit {
  seed: number;
  labelSmoothing: number;
  train: SharedSplit;
  eval: Record<string, SharedSplit>;
  /** Directory of a checkpoint to start from (weights, and optimiser state if present). */
  checkpointDir?: string;
  /** Load only the weights of this model directory, with a fresh optimiser. */
  initialModelDir?: string;
  /** Use tfjs-node when installed; otherwise WASM. */
  allowNative: boolean;
}

export type ToWorker =
  | { type: 'init'; init: WorkerInit }
  | { type: 'step'; indices: Int32Array; augmentSeed: number }
  | { type: 'apply'; gradients: Float32Array; learningRate: number }
  | { type: 'predict'; split: string; start: number; end: number; withFlip: boolean }
  | { type: 'save'; dir: string }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; backend: string; parameters: number }
  | { type: 'stepped'; loss: number; correct: number; count: number; gradients: Float32Array }
  | { type: 'applied' }
  | { type: 'predicted'; probabilities: Float32Array }
  | { type: 'saved' }
  | { type: 'error'; message: string };
