/**
 * The face detector model served to the browser: MediaPipe's BlazeFace short-range model
 * from the legacy `@mediapipe/face_detection` package, with the TFLite metadata that the
 * `@mediapipe/tasks-vision` FaceDetector requires (see `tflite-metadata.ts`).
 */
import { addTfliteMetadata, type ModelMetadataSpec } from './tflite-metadata';

/** Source model, relative to the repository root. */
export const FACE_MODEL_SOURCE =
  'node_modules/@mediapipe/face_detection/face_detection_short_range.tflite';
/** Generated model, relative to the repository root (gitignored, served as a static file). */
export const FACE_MODEL_OUTPUT = 'public/models/face_detection/face_detection_short_range.tflite';
/** URL path of the generated model when `public/` is served as the site root. */
export const FACE_MODEL_URL = '/models/face_detection/face_detection_short_range.tflite';

/**
 * BlazeFace short-range: a 1x128x128x3 float input in [-1, 1] and two outputs for 896
 * anchors, box/keypoint regressors (1x896x16) and scores (1x896x1), in that order.
 */
export const FACE_MODEL_METADATA: ModelMetadataSpec = {
  name: 'face_detection_short_range',
  description: 'BlazeFace short-range face detector (MediaPipe), for faces within ~2 m.',
  version: '1',
  author: 'Google (MediaPipe); metadata added by personal-fer',
  license: 'Apache-2.0',
  input: {
    name: 'image',
    description: 'RGB image, resized to 128x128 and normalised to [-1, 1].',
    mean: [127.5],
    std: [127.5],
    min: -1,
    max: 1,
  },
  outputs: [
    { name: 'regressors', description: 'Per-anchor box and 6 keypoint offsets.' },
    { name: 'classificators', description: 'Per-anchor face score logits.' },
  ],
  minParserVersion: '1.0.0',
};

export function makeFaceDetectorModel(source: Uint8Array): Uint8Array {
  return addTfliteMetadata(source, FACE_MODEL_METADATA);
}
