/**
 * Messages between the page and the fine-tuning worker. Samples travel as plain typed
 * arrays; the trained head comes back as TensorFlow.js model artifacts.
 */
import type { SplitData } from '../data/fer-csv';
import type {
  ForgettingOptions, ForgettingPoint, ForgettingResult,
} from '../experiments/forgetting';
import type { ClassificationReport } from '../training/metrics';
import type { EpochMetrics, FineTuneSettings, LabelledSample } from './fine-tune';

export interface SerializedModel {
  modelTopology: unknown;
  weightSpecs: unknown[];
  weightData: ArrayBuffer;
}

export type ToFineTuneWorker =
  | { type: 'train'; samples: LabelledSample[];
      settings: Partial<FineTuneSettings>; backend: string }
  | { type: 'forgetting'; samples: LabelledSample[];
      fer: { training: SplitData; privateTest: SplitData };
      options: Partial<ForgettingOptions>; backend: string }
  | { type: 'cancel' };

export type FromFineTuneWorker =
  | { type: 'status'; stage: 'backend' | 'model' | 'features' | 'training'; backend?: string }
  | { type: 'epoch'; metrics: EpochMetrics; epochs: number }
  /** `model` is the full personal network: the general trunk with the trained head. */
  | { type: 'done'; model: SerializedModel; history: EpochMetrics[]; bestEpoch: number;
      stoppedEarly: boolean; trainCount: number; validCount: number;
      general: ClassificationReport | null; personal: ClassificationReport | null;
      backend: string; seconds: number }
  | { type: 'point'; point: ForgettingPoint }
  | { type: 'forgetting-done'; result: ForgettingResult; backend: string }
  | { type: 'cancelled' }
  | { type: 'error'; message: string };
