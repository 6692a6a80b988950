/**
 * The general model split for personalising: a frozen conv trunk (image -> 2048 features)
 * shared with the general model, and a trainable copy of its dense head. A trained head is
 * put back on the trunk to make the full personal model used live and exported.
 */
import * as tf from '@tensorflow/tfjs';
import {
  buildExpressionModel, DEFAULT_DROPOUT, FEATURE_SIZE, HEAD_LAYER_NAMES, NUM_CLASSES,
  TRUNK_LAYER_NAMES,
} from '../model/architecture';

/** Image -> flattened trunk features. Shares the general model's layers: no weight copy. */
export function trunkOf(general: tf.LayersModel): tf.LayersModel {
  const flatten = general.getLayer('flatten');
  return tf.model({ inputs: general.inputs, outputs: flatten.output as tf.SymbolicTensor });
}

/** A new head (features -> probabilities) starting from the general model's weights. */
export function headOf(general: tf.LayersModel): tf.LayersModel {
  const input = tf.input({ name: 'features', shape: [FEATURE_SIZE] });
  let x = tf.layers.dense({ name: 'dense1', units: 1024, activation: 'relu' })
    .apply(input) as tf.SymbolicTensor;
  x = tf.layers.dropout({ name: 'drop3', rate: DEFAULT_DROPOUT.afterDense1 })
    .apply(x) as tf.SymbolicTensor;
  const probs = tf.layers.dense({ name: 'dense2', units: NUM_CLASSES, activation: 'softmax' })
    .apply(x) as tf.SymbolicTensor;
  const head = tf.model({ name: 'fer_head', inputs: input, outputs: probs });
  copyLayers(general, head, HEAD_LAYER_NAMES);
  return head;
}

function copyLayers(from: tf.LayersModel, to: tf.LayersModel, names: readonly string[]) {
  for (const name of names) {
    const weights = from.getLayer(name).getWeights();
    to.getLayer(name).setWeights(weights);
  }
}

/** The full network with the general trunk and `head`'s dense layers. Caller disposes it. */
export function composePersonalModel(general: tf.LayersModel, head: tf.LayersModel)
  : tf.LayersModel {
  const model = buildExpressionModel();
  copyLayers(general, model, TRUNK_LAYER_NAMES);
  copyLayers(head, model, HEAD_LAYER_NAMES);
  return model;
}
