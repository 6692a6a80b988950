/** Why a model package could not be imported; the message says what to do about it. */
export type ModelImportErrorCode =
  | 'too-large' | 'not-a-zip' | 'missing-file' | 'bad-json' | 'not-a-layers-model'
  | 'weights-mismatch' | 'wrong-architecture' | 'bad-card';

export class ModelImportError extends Error {
  constructor(readonly code: ModelImportErrorCode, message: string) {
    super(message);
    this.name = 'ModelImportError';
  }
}

/** A plain JSON object; imported files are untrusted, so each level is checked before use. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names what a JSON value is, for messages that say what arrived instead. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
