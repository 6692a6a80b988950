/**
 * The expression classifier behind a small interface: 48x48 gray crops in, probabilities out.
 * Components never touch TensorFlow.js directly.
 */
import * as tf from '@tensorflow/tfjs';
import { INPUT_SIZE_PX, NUM_CLASSES, PIXEL_SCALE } from '../model/architecture';
import { AppError, describeCause } from '../app/errors';

export const GENERAL_MODEL_URL = '/models/general/model.json';

export interface ExpressionClassifier {
  /** One probability vector (length 7, FER-2013 order) per crop, in input order. */
  classify(crops: Uint8Array[]): Promise<Float32Array[]>;
  /** Frees the model's weights; the classifier cannot be used afterwards. */
  dispose(): void;
}

/** [n, 48, 48, 1] float32 in [0, 1] from 8-bit crops. The caller disposes the tensor. */
export function cropsToTensor(crops: Uint8Array[]): tf.Tensor4D {
  const side = INPUT_SIZE_PX;
  const values = new Float32Array(crops.length * side * side);
  crops.forEach((crop, i) => {
    for (let j = 0; j < crop.length; j++) values[i * side * side + j] = crop[j] * PIXEL_SCALE;
  });
  return tf.tensor4d(values, [crops.length, side, side, 1]);
}

export function classifierFromModel(model: tf.LayersModel): ExpressionClassifier {
  return {
    async classify(crops) {
      if (crops.length === 0) return [];
      const probs = tf.tidy(() => model.predict(cropsToTensor(crops)) as tf.Tensor2D);
      try {
        const flat = (await probs.data()) as Float32Array;
        return crops.map((_, i) => flat.slice(i * NUM_CLASSES, (i + 1) * NUM_CLASSES));
      } finally {
        probs.dispose();
      }
    },
    dispose: () => model.dispose(),
  };
}

/** Runs a classifier once so that the first live frame does not pay for kernel set-up. */
export async function warmUp(classifier: ExpressionClassifier): Promise<void> {
  await classifier.classify([new Uint8Array(INPUT_SIZE_PX * INPUT_SIZE_PX)]);
}

/** The general model; the caller owns (and disposes) it. */
export async function loadGeneralModel(url: string = GENERAL_MODEL_URL)
  : Promise<tf.LayersModel> {
  try {
    return await tf.loadLayersModel(url);
  } catch (cause) {
    throw new AppError('model-load-failed', `The expression model could not be loaded from ` +
      `${url} (${describeCause(cause)}). Reload the page; if you run the app yourself, ` +
      `check that public/models/general/ holds model.json and its weight files.`, cause);
  }
}
