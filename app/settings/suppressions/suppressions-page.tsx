'use client';

import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { FormField, invalidClass } from '../../_components/form-field';
import { Loading, QueryError } from '../../_components/query-state';
import { useErrorText } from '../../_i18n/use-error-text';
import { useFormats } from '../../_i18n/use-formats';
import { useInputErrors } from '../../_i18n/use-input-errors';
import { useTRPC } from '../../_trpc/react';
import { useDebounced } from '../../emails/[id]/use-debounced';
import { RequireAccess } from '../../_components/require-access';

const reasons = ['unsubscribed', 'bounced', 'complained', 'manual'] as const;
type Reason = (typeof reasons)[number];
/** A bounce or complaint is a fact about the mailbox: lifting it needs the admin to say it works again. */
const hardReasons: readonly Reason[] = ['bounced', 'complained'];

/** The addresses the workspace never mails (marketing; bounces and complaints not even transactional). */
export function SuppressionsPage() {
  const t = useTranslations('suppressions');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const format = useFormats();
  const errorText = useErrorText();
  const [search, setSearch] = useState('');
  const [reason, setReason] = useState<Reason | ''>('');
  const debouncedSearch = useDebounced(search.trim(), 300);
  const list = useInfiniteQuery(
    trpc.suppressions.list.infiniteQueryOptions(
      { search: debouncedSearch || undefined, reason: reason || undefined, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const refresh = () => queryClient.invalidateQueries(trpc.suppressions.list.pathFilter());

  const [address, setAddress] = useState('');
  const [detail, setDetail] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const add = useMutation(
    trpc.suppressions.add.mutationOptions({
      onSuccess: async (result) => {
        setMessage(t('added', { address: result.suppression.address }));
        setAddress('');
        setDetail('');
        await refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.suppressions.remove.mutationOptions({
      onSuccess: async (_result, input) => {
        setMessage(t('removed', { address: input.address }));
        await refresh();
      },
    }),
  );
  const errors = useInputErrors(add.error);
  const addressError = errors.field('address');
  const detailError = errors.field('detail');

  function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    add.mutate({ address, detail: detail || undefined });
  }

  function lift(entry: { address: string; reason: Reason }) {
    const hard = hardReasons.includes(entry.reason);
    const question = hard
      ? t('removeHardConfirm', { address: entry.address, reason: reasonLabel[entry.reason] })
      : t('removeConfirm', { address: entry.address });
    if (!window.confirm(question)) return;
    setMessage(null);
    remove.mutate({ address: entry.address, confirm: hard });
  }

  const reasonLabel: Record<Reason, string> = {
    unsubscribed: t('reasons.unsubscribed'),
    bounced: t('reasons.bounced'),
    complained: t('reasons.complained'),
    manual: t('reasons.manual'),
  };
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <h1>{t('title')}</h1>
          <span className="page-header__subtitle">{t('subtitle')}</span>
        </div>
      </div>
      <div className="stack">
        {message && (
          <div className="alert alert--success" role="status" data-testid="suppressions-message">
            {message}
          </div>
        )}
        {remove.error && <p className="field__error">{errorText(remove.error)}</p>}
        <div className="card">
          <div className="card__body config-row">
            <input
              className="input"
              type="search"
              aria-label={t('search')}
              placeholder={t('search')}
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              data-testid="suppressions-search"
            />
            <select
              className="select"
              aria-label={t('reasonFilter')}
              value={reason}
              onChange={(event) => setReason(event.target.value as Reason | '')}
              data-testid="suppressions-reason"
            >
              <option value="">{t('allReasons')}</option>
              {reasons.map((value) => (
                <option key={value} value={value}>
                  {reasonLabel[value]}
                </option>
              ))}
            </select>
          </div>
          {list.isPending ? (
            <Loading />
          ) : list.isError ? (
            <div className="card__body">
              <QueryError error={list.error} onRetry={() => void list.refetch()} />
            </div>
          ) : rows.length === 0 ? (
            <div className="empty-state" data-testid="suppressions-empty">
              <p>{t('empty')}</p>
            </div>
          ) : (
            <table className="table" data-testid="suppressions-table">
              <thead>
                <tr>
                  <th>{t('columns.address')}</th>
                  <th>{t('columns.reason')}</th>
                  <th>{t('columns.detail')}</th>
                  <th>{t('columns.source')}</th>
                  <th>{t('columns.since')}</th>
                  <th className="num">
                    <span className="visually-hidden">{t('columns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((entry) => (
                  <tr key={entry.id} data-testid="suppression-row">
                    {/* An erased customer's entry holds only a hash of the address. */}
                    <td className="mono">
                      {entry.address.startsWith('sha256:') ? t('erasedAddress') : entry.address}
                    </td>
                    <td>{reasonLabel[entry.reason]}</td>
                    <td className="muted">{entry.detail ?? ''}</td>
                    <td className="muted">{entry.source}</td>
                    <td>{format.dateTime(entry.createdAt)}</td>
                    <td className="num">
                      <RequireAccess access="edit">
                        <button
                          type="button"
                          className="button button--small"
                          disabled={remove.isPending}
                          onClick={() => lift(entry)}
                          data-testid="suppression-remove"
                        >
                          {t('remove')}
                        </button>
                      </RequireAccess>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {list.hasNextPage && (
            <div className="card__body">
              <button
                type="button"
                className="button"
                disabled={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                {t('more')}
              </button>
            </div>
          )}
        </div>
        <RequireAccess access="edit">
          <form className="card" onSubmit={submit} noValidate data-testid="suppression-add">
            <div className="card__header">
              <h2>{t('addTitle')}</h2>
            </div>
            <div className="card__body">
              <FormField id="suppression-address" label={t('columns.address')} error={addressError}>
                <input
                  id="suppression-address"
                  className={invalidClass(addressError, 'input')}
                  type="email"
                  value={address}
                  onChange={(event) => setAddress(event.target.value)}
                  data-testid="suppression-add-address"
                />
              </FormField>
              <FormField
                id="suppression-detail"
                label={t('columns.detail')}
                error={detailError}
                help={t('detailHelp')}
              >
                <input
                  id="suppression-detail"
                  className={invalidClass(detailError, 'input')}
                  value={detail}
                  onChange={(event) => setDetail(event.target.value)}
                />
              </FormField>
              {errors.other && <p className="field__error">{errors.other}</p>}
              <button
                type="submit"
                className="button"
                disabled={add.isPending}
                data-testid="suppression-add-submit"
              >
                {t('add')}
              </button>
            </div>
          </form>
        </RequireAccess>
      </div>
    </>
  );
}
