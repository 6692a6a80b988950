import type { AppError } from '../app/errors';

/** An expected failure shown in place, with the one action that can fix it. */
export function ErrorNotice({ error, onRetry, retryLabel = 'Try again' }: {
  error: AppError; onRetry?: () => void; retryLabel?: string;
}) {
  return (
    <div className="notice error" role="alert" data-testid="error" data-code={error.code}>
      <p>{error.message}</p>
      {onRetry && <button type="button" onClick={onRetry}>{retryLabel}</button>}
    </div>
  );
}
