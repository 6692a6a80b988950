/** Why a model package could not be imported; the message says what to do about it. */
export type ModelImportErrorCode =
  | 'too-large' | 'not-a-zip' | 'missing-file' | 'bad-json' | 'not-a-layers-model'
  | 'weights-mismatch' | 'wrong-architecture';

export class ModelImportError extends Error {
  constructor(readonly code: ModelImportErrorCode, message: string) {
    super(message);
    this.name = 'ModelImportError';
  }
}
