/**
 * The expression CNN, defined once for the browser app, the trainer and the evaluator.
 *
 * Input: a batch of 48x48 grayscale faces, shape [n, 48, 48, 1], float32 in [0, 1]
 * (8-bit pixel / 255). Output: softmax probabilities, shape [n, 7], in FER-2013 class order.
 *
 * Layer names are part of the saved-model contract: `conv*` layers form the frozen trunk
 * when personalising, `dense*` layers form the head.
 */
import * as tf from '@tensorflow/tfjs';

export const INPUT_SIZE_PX = 48;
export const INPUT_SHAPE = [INPUT_SIZE_PX, INPUT_SIZE_PX, 1] as const;

/** FER-2013 label order: index i of the model output is CLASS_NAMES[i]. */
export const CLASS_NAMES = [
  'Angry', 'Disgust', 'Fear', 'Happy', 'Sad', 'Surprise', 'Neutral',
] as const;
export type ClassName = (typeof CLASS_NAMES)[number];
export const NUM_CLASSES = CLASS_NAMES.length;

/** How an input pixel is encoded: value = raw8bit * PIXEL_SCALE, so 0 = black, 1 = white. */
export const PIXEL_SCALE = 1 / 255;

export const INPUT_SPEC = {
  shape: [...INPUT_SHAPE],
  layout: 'NHWC, row-major, one grayscale channel',
  range: [0, 1],
  encoding: 'pixel / 255',
} as const;

export const TRUNK_LAYER_NAMES = ['conv1', 'conv2', 'conv3', 'conv4'] as const;
export const HEAD_LAYER_NAMES = ['dense1', 'dense2'] as const;
/** The flattened trunk output feeding the head: 4 x 4 x 128 after the third pooling. */
export const FEATURE_SIZE = 4 * 4 * 128;

/** Dropout rates of the original design. */
export const DEFAULT_DROPOUT = { afterConv2: 0.25, afterConv4: 0.25, afterDense1: 0.5 } as const;

export interface ArchitectureOptions {
  seed?: number;
}

/** Builds the untrained network. The last layer outputs probabilities (softmax). */
export function buildExpressionModel(options: ArchitectureOptions = {}): tf.LayersModel {
  const seeded = (offset: number) =>
    options.seed === undefined ? 'glorotUniform'
      : tf.initializers.glorotUniform({ seed: options.seed + offset });
  const conv = (name: string, filters: number, offset: number) =>
    tf.layers.conv2d({
      name, filters, kernelSize: 3, padding: 'valid', activation: 'relu',
      kernelInitializer: seeded(offset),
    });
  const pool = (name: string) => tf.layers.maxPooling2d({ name, poolSize: 2, strides: 2 });

  const input = tf.input({ name: 'face', shape: [...INPUT_SHAPE] });
  let x = conv('conv1', 32, 1).apply(input) as tf.SymbolicTensor; // [46, 46, 32]
  x = conv('conv2', 64, 2).apply(x) as tf.SymbolicTensor; //         [44, 44, 64]
  x = pool('pool1').apply(x) as tf.SymbolicTensor; //                [22, 22, 64]
  x = tf.layers.dropout({ name: 'drop1', rate: DEFAULT_DROPOUT.afterConv2 })
    .apply(x) as tf.SymbolicTensor;
  x = conv('conv3', 128, 3).apply(x) as tf.SymbolicTensor; //        [20, 20, 128]
  x = pool('pool2').apply(x) as tf.SymbolicTensor; //                [10, 10, 128]
  x = conv('conv4', 128, 4).apply(x) as tf.SymbolicTensor; //        [8, 8, 128]
  x = pool('pool3').apply(x) as tf.SymbolicTensor; //                [4, 4, 128]
  x = tf.layers.dropout({ name: 'drop2', rate: DEFAULT_DROPOUT.afterConv4 })
    .apply(x) as tf.SymbolicTensor;
  x = tf.layers.flatten({ name: 'flatten' }).apply(x) as tf.SymbolicTensor; // [2048]
  x = tf.layers.dense({
    name: 'dense1', units: 1024, activation: 'relu', kernelInitializer: seeded(5),
  }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.dropout({ name: 'drop3', rate: DEFAULT_DROPOUT.afterDense1 })
    .apply(x) as tf.SymbolicTensor;
  const probs = tf.layers.dense({
    name: 'dense2', units: NUM_CLASSES, activation: 'softmax', kernelInitializer: seeded(6),
  }).apply(x) as tf.SymbolicTensor;
  return tf.model({ name: 'fer_cnn', inputs: input, outputs: probs });
}
