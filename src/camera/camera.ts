/**
 * Opens the webcam, turning the browser's DOMException names into typed errors that say
 * what happened and what the user can do.
 */
import { AppError } from '../app/errors';

/** 640x480 is plenty for a 48x48 face crop and keeps detection fast on a CPU. */
export const CAMERA_CONSTRAINTS: MediaStreamConstraints = {
  audio: false,
  video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' },
};

export function cameraErrorFrom(cause: unknown): AppError {
  const name = cause instanceof DOMException || cause instanceof Error ? cause.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new AppError('camera-denied', 'Camera access was denied. Allow the camera for ' +
        'this page in the browser\'s site settings, then try again, or analyse photos instead.',
      cause);
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new AppError('camera-not-found', 'No camera was found. Connect a webcam and try ' +
        'again, or analyse photos instead.', cause);
    case 'NotReadableError':
    case 'AbortError':
      return new AppError('camera-in-use', 'The camera could not be started: another ' +
        'application may be using it. Close it and try again.', cause);
    default:
      return new AppError('camera-failed', `The camera could not be started (${name ||
        'unknown error'}). Try again, or analyse photos instead.`, cause);
  }
}

/** The caller owns the returned stream and must stop its tracks (see `stopStream`). */
export async function openCamera(
  constraints: MediaStreamConstraints = CAMERA_CONSTRAINTS,
): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new AppError('camera-unsupported', 'This browser gives no camera access to this ' +
      'page. Open it over https or from localhost in a current browser.');
  }
  try {
    return await navigator.mediaDevices.getUserMedia(constraints);
  } catch (cause) {
    throw cameraErrorFrom(cause);
  }
}

export function stopStream(stream: MediaStream | null): void {
  stream?.getTracks().forEach((t) => t.stop());
}
