/** Evaluates a model on one split of a parsed FER-2013 data set, in the calling thread. */
import type * as tf from '@tensorflow/tfjs';
import { INPUT_SIZE_PX, PIXEL_SCALE } from '../model/architecture';
import type { SplitData } from '../data/fer-csv';
import { predictProbabilities } from '../training/train-step';
import { classificationReport, type ClassificationReport } from '../training/metrics';

export function splitToInputs(split: SplitData): Float32Array {
  const images = new Float32Array(split.count * INPUT_SIZE_PX * INPUT_SIZE_PX);
  for (let i = 0; i < images.length; i++) images[i] = split.pixels[i] * PIXEL_SCALE;
  return images;
}

export function evaluateSplit(
  model: tf.LayersModel, split: SplitData, withFlip = false,
): ClassificationReport {
  const probabilities = predictProbabilities(model, splitToInputs(split), split.count,
    { withFlip });
  return classificationReport(probabilities, split.labels);
}
