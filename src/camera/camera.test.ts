import { describe, expect, it } from 'vitest';
import { AppError } from '../app/errors';
import { cameraErrorFrom } from './camera';

describe('cameraErrorFrom', () => {
  // getUserMedia rejects with a DOMException whose `name` says what went wrong.
  it.each([
    ['NotAllowedError', 'camera-denied'],
    ['SecurityError', 'camera-denied'],
    ['NotFoundError', 'camera-not-found'],
    ['OverconstrainedError', 'camera-not-found'],
    ['NotReadableError', 'camera-in-use'],
    ['AbortError', 'camera-in-use'],
    ['TypeError', 'camera-failed'],
  ])('maps %s to %s, keeping the cause', (name, code) => {
    const cause = new DOMException('from the browser', name);
    const error = cameraErrorFrom(cause);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe(code);
    expect(error.cause).toBe(cause);
  });

  it('names the unexpected error, so a report says what happened', () => {
    const error = cameraErrorFrom(new RangeError('odd'));
    expect(error.code).toBe('camera-failed');
    expect(error.message).toContain('RangeError');
  });

  it('maps a thrown non-error to camera-failed', () => {
    const error = cameraErrorFrom('something odd');
    expect(error.code).toBe('camera-failed');
    expect(error.message).toContain('unknown error');
  });
});
