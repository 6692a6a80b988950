/**
 * Which live frames make good calibration samples: exactly one face, large enough, and
 * sharp enough. Pure, so the rules are unit-tested without a camera.
 */
import { isTooSmall } from '../face/geometry';
import { sharpness } from '../face/grayscale-crop';
import type { AnalyzedFace } from '../live/frame-analyzer';

export const CAPTURE_DEFAULTS = {
  samplesPerExpression: 30,
  /** Spacing between captures: consecutive frames at 30 fps are near-identical. */
  captureIntervalMs: 200,
  countdownSeconds: 3,
  /**
   * Laplacian variance of the 48x48 crop below which a frame counts as blurred. Sharp
   * webcam faces measure in the hundreds; motion blur drops them below about 20.
   */
  minSharpness: 20,
};
export type CaptureSettings = typeof CAPTURE_DEFAULTS;

export type CaptureVerdict =
  | { ok: true; crop: Uint8Array }
  | { ok: false; reason: 'no-face' | 'several-faces' | 'too-small' | 'blurred' };

export function judgeFrame(faces: Pick<AnalyzedFace, 'box' | 'crop'>[],
  minSharpness = CAPTURE_DEFAULTS.minSharpness): CaptureVerdict {
  if (faces.length === 0) return { ok: false, reason: 'no-face' };
  if (faces.length > 1) return { ok: false, reason: 'several-faces' };
  const [face] = faces;
  if (isTooSmall(face.box)) return { ok: false, reason: 'too-small' };
  if (sharpness(face.crop) < minSharpness) return { ok: false, reason: 'blurred' };
  return { ok: true, crop: face.crop };
}

export const VERDICT_MESSAGES: Record<Exclude<CaptureVerdict, { ok: true }>['reason'], string> =
  {
    'no-face': 'No face in view: face the camera.',
    'several-faces': 'Several faces in view: only you should be in the picture.',
    'too-small': 'Your face is too small: move closer.',
    blurred: 'The image is blurred: hold still, or add light.',
  };

/** What each expression's prompt asks for. */
export const EXPRESSION_CUES: Record<string, string> = {
  Angry: 'Frown, lower your brows and press your lips together.',
  Disgust: 'Wrinkle your nose and raise your upper lip.',
  Fear: 'Raise your brows, widen your eyes and stretch your lips back.',
  Happy: 'Smile broadly.',
  Sad: 'Turn the corners of your mouth down and raise your inner brows.',
  Surprise: 'Raise your brows high and open your mouth.',
  Neutral: 'Relax your face and look straight ahead.',
};
