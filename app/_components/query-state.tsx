'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { useErrorText } from '../_i18n/use-error-text';

/** Shown while a page's data loads; keeps the layout from jumping. */
export function Loading({ label }: { label?: string }) {
  const t = useTranslations('common');
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden />
      {label ?? t('loading')}
    </div>
  );
}

/**
 * A failed query in the UI language. The server's own message is English and technical,
 * so it sits folded away under "Details" for whoever needs to report it.
 */
export function QueryError({
  error,
  onRetry,
}: {
  error: { message: string; data?: { code?: string } | null };
  onRetry?: () => void;
}) {
  const t = useTranslations('queryError');
  const tc = useTranslations('common');
  const errorText = useErrorText();
  return (
    <div className="alert alert--error" role="alert">
      <div>
        <strong>{t('title')}</strong> {errorText(error)}
        <details className="alert__details">
          <summary>{t('details')}</summary>
          <code>{error.message}</code>
        </details>
      </div>
      {onRetry && (
        <button type="button" className="button button--small" onClick={onRetry}>
          {tc('retry')}
        </button>
      )}
    </div>
  );
}

interface ListQuery<T> {
  isPending: boolean;
  isError: boolean;
  error: { message: string; data?: { code?: string } | null } | null;
  data: T[] | undefined;
  refetch: () => unknown;
}

/**
 * The card every list page shows: a spinner while loading, the error with a retry, an
 * empty state that says what to do, or the list itself.
 */
export function QueryListCard<T>({
  query,
  empty,
  loadingLabel,
  children,
}: {
  query: ListQuery<T>;
  empty: { title: string; text?: string; testId: string };
  loadingLabel?: string;
  children: (rows: T[]) => ReactNode;
}) {
  return (
    <div className="card">
      {query.isPending ? (
        <Loading label={loadingLabel} />
      ) : query.isError || !query.data ? (
        <div className="card__body">
          {query.error && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
        </div>
      ) : query.data.length === 0 ? (
        <div className="empty-state" data-testid={empty.testId}>
          <h2>{empty.title}</h2>
          {empty.text && <p>{empty.text}</p>}
        </div>
      ) : (
        children(query.data)
      )}
    </div>
  );
}
