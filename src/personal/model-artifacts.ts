/** Converting models to and from in-memory TensorFlow.js artifacts (for workers and storage). */
import * as tf from '@tensorflow/tfjs';
import type { SerializedModel } from './fine-tune-protocol';

export async function serializeModel(model: tf.LayersModel): Promise<SerializedModel> {
  let saved: SerializedModel | null = null;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const data = artifacts.weightData;
    const weightData = Array.isArray(data)
      ? new tf.io.CompositeArrayBuffer(data).slice() : data!;
    saved = { modelTopology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs ?? [],
      weightData };
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return saved!;
}

export function deserializeModel(saved: SerializedModel): Promise<tf.LayersModel> {
  return tf.loadLayersModel(tf.io.fromMemory({
    modelTopology: saved.modelTopology as tf.io.ModelArtifacts['modelTopology'],
    weightSpecs: saved.weightSpecs as tf.io.WeightsManifestEntry[],
    weightData: saved.weightData,
  }));
}
