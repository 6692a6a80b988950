/**
 * MediaPipe's FaceDetector behind a small interface. Model and WebAssembly runtime come from
 * our own origin (see scripts/prepare-assets.ts); the CPU delegate is the default because it
 * is fast for this tiny model and works everywhere.
 */
import { FaceDetector, FilesetResolver } from '@mediapipe/tasks-vision';
import { AppError, describeCause } from '../app/errors';
import { FACE_MODEL_URL } from './face-detector-model';
import { frameRect, type FrameRect } from './geometry';

const MEDIAPIPE_WASM_PATH = '/wasm/mediapipe';

export const DETECTOR_DEFAULTS = {
  delegate: 'CPU' as 'CPU' | 'GPU',
  /** Scores below this are background; BlazeFace's own default is 0.5. */
  minDetectionConfidence: 0.5,
};

export interface FaceDetection {
  box: FrameRect;
  score: number;
}

export interface FaceDetectorService {
  /** For video frames: `timestampMs` must increase from call to call. */
  detectVideo(frame: HTMLVideoElement, timestampMs: number): FaceDetection[];
  /** For still images. */
  detectImage(image: HTMLImageElement | HTMLCanvasElement | ImageBitmap): FaceDetection[];
  /** Frees the WebAssembly graph. The service cannot be used afterwards. */
  close(): void;
}

function toDetections(result: ReturnType<FaceDetector['detect']>): FaceDetection[] {
  return result.detections.flatMap((d) => (d.boundingBox ? [{
    box: frameRect({ x: d.boundingBox.originX, y: d.boundingBox.originY,
      width: d.boundingBox.width, height: d.boundingBox.height }),
    score: d.categories[0]?.score ?? 0,
  }] : []));
}

export async function createFaceDetector(
  options: Partial<typeof DETECTOR_DEFAULTS> = {},
): Promise<FaceDetectorService> {
  const o = { ...DETECTOR_DEFAULTS, ...options };
  const make = async (runningMode: 'VIDEO' | 'IMAGE') => {
    const fileset = await FilesetResolver.forVisionTasks(MEDIAPIPE_WASM_PATH);
    return FaceDetector.createFromOptions(fileset, {
      baseOptions: { modelAssetPath: FACE_MODEL_URL, delegate: o.delegate },
      runningMode, minDetectionConfidence: o.minDetectionConfidence,
    });
  };
  let video: FaceDetector;
  let image: FaceDetector;
  try {
    // Two graphs: MediaPipe's VIDEO mode tracks timestamps, IMAGE mode must not.
    [video, image] = await Promise.all([make('VIDEO'), make('IMAGE')]);
  } catch (cause) {
    throw new AppError('detector-load-failed', `The face detector could not be loaded ` +
      `(${describeCause(cause)}). Reload the page; if you run the app yourself, run ` +
      '`npm run prepare:assets` to generate the detector model.', cause);
  }
  return {
    detectVideo: (frame, timestampMs) => toDetections(video.detectForVideo(frame, timestampMs)),
    detectImage: (source) => toDetections(image.detect(source)),
    close: () => {
      video.close();
      image.close();
    },
  };
}
