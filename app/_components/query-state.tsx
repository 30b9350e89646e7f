'use client';

/** Shown while a page's data loads; keeps the layout from jumping. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden />
      {label}
    </div>
  );
}

export function QueryError({ error, onRetry }: { error: { message: string }; onRetry?: () => void }) {
  return (
    <div className="alert alert--error" role="alert">
      <strong>Something went wrong.</strong> {error.message}
      {onRetry && (
        <button type="button" className="button button--small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
