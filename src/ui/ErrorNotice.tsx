import type { AppError } from '../app/errors';

/** An expected failure shown in place, with the one action that can fix it. */
export function ErrorNotice({ error, onRetry, retryLabel = 'Try again', fallback }: {
  error: AppError; onRetry?: () => void; retryLabel?: string;
  /** A second way out, e.g. going back to a known-good model. */
  fallback?: { label: string; onClick: () => void };
}) {
  return (
    <div className="notice error" role="alert" data-testid="error" data-code={error.code}>
      <p>{error.message}</p>
      {onRetry && <button type="button" onClick={onRetry}>{retryLabel}</button>}
      {fallback && <button type="button" onClick={fallback.onClick}>{fallback.label}</button>}
    </div>
  );
}
