/**
 * Turns IndexedDB failures into the typed errors the UI shows in place: storage full,
 * storage unavailable. Everything else passes through unchanged, as a bug.
 */
import { AppError, describeCause } from '../app/errors';

/**
 * Browsers report a full disk or an exceeded origin quota under this DOMException name.
 * Old Firefox used its own name for the same thing.
 */
const QUOTA_ERROR_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

export function errorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('name' in error)) return undefined;
  return typeof error.name === 'string' ? error.name : undefined;
}

export function isQuotaError(error: unknown): boolean {
  return QUOTA_ERROR_NAMES.has(errorName(error) ?? '');
}

export function storageFullError(cause: unknown): AppError {
  return new AppError('storage-full', 'Browser storage is full, so nothing new was saved; ' +
    'everything saved before is still there. Delete old models or samples to make room, ' +
    'then try again.', cause);
}

export function storageUnavailableError(reason: string, cause?: unknown): AppError {
  return new AppError('storage-unavailable', `Saved samples and models cannot be reached: ` +
    `${reason}`, cause);
}

/**
 * A failed write can surface as the failing request's error, as the transaction's `error`
 * (a commit-time quota abort, where each request reports only AbortError), or as the
 * rejection of `tx.done`. Any of them being a quota error means the store was full.
 */
export function writeErrorFrom(error: unknown, transactionError: unknown): unknown {
  if (isQuotaError(error) || isQuotaError(transactionError)) return storageFullError(error);
  return error;
}

/** Why `indexedDB.open` failed, in words the user can act on. */
export function openErrorFrom(cause: unknown): AppError {
  if (cause instanceof AppError) return cause;
  if (errorName(cause) === 'VersionError') {
    return storageUnavailableError('they were saved by a newer version of this app. Reload ' +
      'the page to get the newest version.', cause);
  }
  return storageUnavailableError(`the browser refused to open its database ` +
    `(${describeCause(cause)}). Private windows in some browsers turn storage off: try a ` +
    `normal window, or reload the page.`, cause);
}
