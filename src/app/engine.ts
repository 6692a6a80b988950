/**
 * The inference engine the UI talks to: backend choice, face detector, expression classifier
 * and the frame analyzer built from them. Owns all three and frees them in `dispose`.
 */
import * as tf from '@tensorflow/tfjs';
import { useBestBackend } from '../classify/browser-backends';
import type { BackendChoice, BackendPreference } from '../classify/backend-selection';
import {
  loadExpressionClassifier, type ExpressionClassifier,
} from '../classify/expression-classifier';
import { createFaceDetector, type FaceDetectorService } from '../face/face-detector';
import { FrameAnalyzer } from '../live/frame-analyzer';

export interface Engine {
  backend: BackendChoice;
  detector: FaceDetectorService;
  analyzer: FrameAnalyzer;
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
  let classifier: ExpressionClassifier;
  try {
    onStage('model');
    classifier = await loadExpressionClassifier();
  } catch (e) {
    detector.close();
    throw e;
  }
  return {
    backend, detector,
    analyzer: new FrameAnalyzer(detector, () => classifier),
    tensorCount: () => tf.memory().numTensors,
    dispose() {
      classifier.dispose();
      detector.close();
    },
  };
}
