/**
 * Expected failures, each with a stable `code` the UI maps to a message and a way out.
 * Anything else is a bug and goes to the error boundary.
 */
export type AppErrorCode =
  | 'camera-denied'
  | 'camera-not-found'
  | 'camera-in-use'
  | 'camera-unsupported'
  | 'camera-failed'
  | 'model-load-failed'
  /** The browser-pretrained general model is damaged; the shipped one can replace it. */
  | 'stored-general-model-failed'
  | 'detector-load-failed'
  | 'backend-unavailable'
  | 'image-unreadable'
  | 'storage-full'
  | 'storage-unavailable'
  | 'model-exists'
  | 'model-not-found';

export class AppError extends Error {
  constructor(readonly code: AppErrorCode, message: string, readonly cause?: unknown) {
    super(message);
    this.name = 'AppError';
  }
}

export function describeCause(cause: unknown): string {
  if (cause instanceof Error) return `${cause.name}: ${cause.message}`;
  return String(cause);
}
