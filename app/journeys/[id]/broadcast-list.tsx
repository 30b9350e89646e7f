'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText } from '../../_i18n/use-error-text';
import { useFormats } from '../../_i18n/use-formats';
import type { RouterOutputs } from '../../_trpc/outputs';
import { useTRPC } from '../../_trpc/react';
import { RequireAccess } from '../../_components/require-access';

type BroadcastRow = RouterOutputs['broadcasts']['list'][number];

const isActive = (row: BroadcastRow) => row.status === 'scheduled' || row.status === 'running';

/**
 * A journey's broadcasts with their progress, refreshed every two seconds while one is
 * scheduled or running. A running one can be cancelled (confirmed in place).
 */
export function BroadcastList({ journeyId }: { journeyId: string }) {
  const t = useTranslations('broadcasts.list');
  const format = useFormats();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(
    trpc.broadcasts.list.queryOptions(
      { journeyId },
      { refetchInterval: (query) => (query.state.data?.some(isActive) ? 2_000 : false) },
    ),
  );
  const [confirmingId, setConfirmingId] = useState<string | null>(null);
  const cancel = useMutation(
    trpc.broadcasts.cancel.mutationOptions({
      onSuccess: () => {
        setConfirmingId(null);
        return queryClient.invalidateQueries(trpc.broadcasts.list.queryFilter({ journeyId }));
      },
    }),
  );

  const statusText = (row: BroadcastRow): string => {
    if (isActive(row) && row.statusReason === 'journey_paused') return t('status.held');
    if (isActive(row) && row.statusReason === 'journey_not_active_yet') return t('status.waitingForWindow');
    if (row.status === 'cancelled' && row.statusReason === 'journey_stopped')
      return t('status.journeyStopped');
    if (row.status === 'cancelled' && row.statusReason === 'journey_window_closed')
      return t('status.windowClosed');
    const labels: Record<BroadcastRow['status'], string> = {
      scheduled: t('status.scheduled'),
      running: t('status.running'),
      completed: t('status.completed'),
      cancelled: t('status.cancelled'),
      failed: t('status.failed'),
    };
    return labels[row.status];
  };

  if (list.isError) {
    return (
      <span className="field__error" role="alert">
        {errorText(list.error)}
      </span>
    );
  }
  const rows = list.data ?? [];
  if (rows.length === 0) return null;
  return (
    <table className="table broadcast-list" data-testid="broadcast-list">
      <thead>
        <tr>
          <th>{t('segment')}</th>
          <th>{t('status.heading')}</th>
          <th>{t('progress')}</th>
          <th className="num">{t('alreadyIn')}</th>
          <th className="num">{t('rate')}</th>
          <th>{t('created')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const handled = row.started + row.alreadyIn + row.skipped;
          const percent =
            row.memberCount > 0 ? Math.min(100, Math.round((handled / row.memberCount) * 100)) : 100;
          return (
            <tr key={row.id} data-testid="broadcast-row" data-status={row.status}>
              <td>
                {row.segmentName}
                {row.note && <div className="muted broadcast-list__note">{row.note}</div>}
              </td>
              <td
                data-testid="broadcast-status"
                title={row.status === 'failed' ? (row.statusReason ?? '') : undefined}
              >
                {statusText(row)}
              </td>
              <td>
                <div className="tier-progress broadcast-list__bar" aria-hidden>
                  <div className="tier-progress__bar" style={{ width: `${percent}%` }} />
                </div>
                <span data-testid="broadcast-started">
                  {t('started', {
                    started: format.points(row.started),
                    total: format.points(row.memberCount),
                  })}
                </span>
                {row.skipped > 0 && <span className="muted"> · {t('skipped', { count: row.skipped })}</span>}
              </td>
              <td className="num" data-testid="broadcast-already-in">
                {format.points(row.alreadyIn)}
              </td>
              <td className="num">{t('perSecond', { rate: row.ratePerSecond })}</td>
              <td title={format.dateTime(row.createdAt)}>
                {row.scheduledFor && row.status === 'scheduled'
                  ? t('scheduledFor', { at: format.dateTime(row.scheduledFor) })
                  : format.dateTime(row.startedAt ?? row.createdAt)}
              </td>
              <td>
                {isActive(row) &&
                  (confirmingId === row.id ? (
                    <span className="lifecycle-confirm" role="group">
                      <span>{t('confirmCancel')}</span>
                      <button
                        type="button"
                        className="button button--small button--danger"
                        onClick={() => cancel.mutate({ id: row.id })}
                        disabled={cancel.isPending}
                        data-testid="broadcast-cancel-confirm"
                      >
                        {t('cancel')}
                      </button>
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => setConfirmingId(null)}
                      >
                        {t('keep')}
                      </button>
                    </span>
                  ) : (
                    <RequireAccess access="edit">
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => setConfirmingId(row.id)}
                        data-testid="broadcast-cancel"
                      >
                        {t('cancel')}
                      </button>
                    </RequireAccess>
                  ))}
                {cancel.error && confirmingId === row.id && (
                  <span className="field__error" role="alert">
                    {errorText(cancel.error)}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
