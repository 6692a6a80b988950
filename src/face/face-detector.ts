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

type Source = HTMLVideoElement | HTMLImageElement | HTMLCanvasElement | ImageBitmap;

export interface FaceDetectorService {
  /** For video frames: `timestampMs` must increase from call to call. */
  detectVideo(frame: Source, timestampMs: number): Promise<FaceDetection[]>;
  /** For still images. */
  detectImage(image: Source): Promise<FaceDetection[]>;
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
  let detector: FaceDetector;
  try {
    const fileset = await FilesetResolver.forVisionTasks(MEDIAPIPE_WASM_PATH);
    detector = await FaceDetector.createFromOptions(fileset, {
      baseOptions: { modelAssetPath: FACE_MODEL_URL, delegate: o.delegate },
      runningMode: 'VIDEO', minDetectionConfidence: o.minDetectionConfidence,
    });
  } catch (cause) {
    throw new AppError('detector-load-failed', `The face detector could not be loaded ` +
      `(${describeCause(cause)}). Reload the page; if you run the app yourself, run ` +
      '`npm run prepare:assets` to generate the detector model.', cause);
  }
  // One graph (one copy of the runtime and model) serves both modes: VIDEO tracks
  // timestamps, IMAGE must not. Switching is rare (a photo while the camera runs), and
  // calls are chained so a switch never interleaves with a detection.
  let mode: 'VIDEO' | 'IMAGE' = 'VIDEO';
  let queue: Promise<unknown> = Promise.resolve();
  const inMode = <T>(wanted: typeof mode, run: () => T): Promise<T> => {
    const next = queue.then(async () => {
      if (mode !== wanted) {
        await detector.setOptions({ runningMode: wanted });
        mode = wanted;
      }
      return run();
    });
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    detectVideo: (frame, timestampMs) => inMode('VIDEO',
      () => toDetections(detector.detectForVideo(frame, timestampMs))),
    detectImage: (source) => inMode('IMAGE', () => toDetections(detector.detect(source))),
    close: () => detector.close(),
  };
}
