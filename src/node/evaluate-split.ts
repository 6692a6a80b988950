/** Evaluates a model on one split of a parsed FER-2013 data set, in the calling thread. */
import type * as tf from '@tensorflow/tfjs';
import type { SplitData } from '../data/fer-csv';
import { splitInputs } from '../training/pretrain-run';
import { predictProbabilities } from '../training/train-step';
import { classificationReport, type ClassificationReport } from '../training/metrics';

export function evaluateSplit(
  model: tf.LayersModel, split: SplitData, withFlip = false,
): ClassificationReport {
  const probabilities = predictProbabilities(model, splitInputs(split), split.count,
    { withFlip });
  return classificationReport(probabilities, split.labels);
}
