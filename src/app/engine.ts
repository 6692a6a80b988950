/**
 * The inference engine the UI talks to: backend choice, face detector, expression classifier
 * and the frame analyzer built from them. Owns all three and frees them in `dispose`.
 */
import * as tf from '@tensorflow/tfjs';
import { useBestBackend } from '../classify/browser-backends';
import type { BackendChoice, BackendPreference } from '../classify/backend-selection';
import {
  classifierFromModel, warmUp, type ExpressionClassifier,
} from '../classify/expression-classifier';
import { generalModelSource } from './general-model';
import { deserializeModel } from '../personal/model-artifacts';
import type { SerializedModel } from '../personal/fine-tune-protocol';
import { createFaceDetector, type FaceDetectorService } from '../face/face-detector';
import { FrameAnalyzer } from '../live/frame-analyzer';

export interface Engine {
  backend: BackendChoice;
  detector: FaceDetectorService;
  analyzer: FrameAnalyzer;
  /** Makes `model` (a full personal network) the personal classifier; null removes it. */
  setPersonalModel(model: SerializedModel | null): Promise<void>;
  hasPersonalModel(): boolean;
  /** Live tensors, to show that the frame loop does not leak. */
  tensorCount(): number;
  dispose(): void;
}

export type LoadStage = 'backend' | 'detector' | 'model' | 'warm-up';

export async function createEngine(
  preference: BackendPreference, onStage: (stage: LoadStage) => void,
): Promise<Engine> {
  onStage('backend');
  const backend = await useBestBackend(preference);
  onStage('detector');
  const detector = await createFaceDetector();
  let general: ExpressionClassifier;
  try {
    onStage('model');
    general = classifierFromModel(await (await generalModelSource()).load());
    onStage('warm-up');
    await warmUp(general);
  } catch (e) {
    detector.close();
    throw e;
  }
  let personal: ExpressionClassifier | null = null;
  return {
    backend, detector,
    analyzer: new FrameAnalyzer(detector, () => ({ general, personal })),
    async setPersonalModel(model) {
      const next = model ? classifierFromModel(await deserializeModel(model)) : null;
      if (next) await warmUp(next);
      personal?.dispose();
      personal = next;
    },
    hasPersonalModel: () => personal !== null,
    tensorCount: () => tf.memory().numTensors,
    dispose() {
      general.dispose();
      personal?.dispose();
      detector.close();
    },
  };
}
