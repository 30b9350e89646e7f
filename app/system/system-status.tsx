'use client';

import { useQuery } from '@tanstack/react-query';
import { useNow, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { ProbeResult } from '../../server/system/probe';
import type { QueuePollers } from '../../server/system/task-queue-status';
import { Loading, QueryError } from '../_components/query-state';
import { missing, useFormats } from '../_i18n/use-formats';
import { useTRPC } from '../_trpc/react';

/** The page re-checks every service this often while it is open (and visible). */
const refreshMs = 10_000;

type ProbeState = ProbeResult<unknown>['state'];

export function SystemStatusView() {
  const t = useTranslations('system');
  const format = useFormats();
  const now = useNow({ updateInterval: refreshMs });
  const trpc = useTRPC();
  const status = useQuery(
    trpc.system.status.queryOptions(undefined, { refetchInterval: refreshMs, staleTime: 0 }),
  );

  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <h1>{t('title')}</h1>
          <span className="page-header__subtitle" data-testid="system-checked-at">
            {status.data
              ? t('subtitle', { time: format.dateTime(status.data.checkedAt) })
              : t('subtitleLoading')}
          </span>
        </div>
      </div>
      {status.isPending ? (
        <div className="card">
          <Loading />
        </div>
      ) : status.isError || !status.data ? (
        <div className="card">
          <div className="card__body">
            {status.error && <QueryError error={status.error} onRetry={() => void status.refetch()} />}
          </div>
        </div>
      ) : (
        <div className="stack">
          <section className="card" data-testid="system-services">
            <div className="card__header">
              <h2>{t('services.title')}</h2>
            </div>
            <table className="table">
              <thead>
                <tr>
                  <th>{t('services.columns.service')}</th>
                  <th>{t('services.columns.state')}</th>
                  <th>{t('services.columns.detail')}</th>
                </tr>
              </thead>
              <tbody>
                <ServiceRow
                  name="postgres"
                  probe={status.data.postgres}
                  detail={() => t('services.postgresDetail')}
                />
                <ServiceRow
                  name="temporal"
                  probe={status.data.temporal}
                  detail={(value) =>
                    t('services.temporalDetail', {
                      version: value.serverVersion ?? missing,
                      namespace: value.namespace,
                    })
                  }
                />
                <ServiceRow
                  name="smtp"
                  probe={status.data.smtp}
                  detail={(value) => t('services.smtpDetail', { server: value.server })}
                />
              </tbody>
            </table>
          </section>

          <section className="card" data-testid="system-worker">
            <div className="card__header">
              <h2>{t('worker.title')}</h2>
              {status.data.temporal.state === 'ok' && (
                <span className="muted mono">
                  {t('worker.taskQueue', { taskQueue: status.data.temporal.value.taskQueue })}
                </span>
              )}
            </div>
            {status.data.temporal.state !== 'ok' ? (
              <div className="card__body muted">{t('worker.unknown')}</div>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('worker.columns.kind')}</th>
                    <th>{t('worker.columns.polling')}</th>
                    <th>{t('worker.columns.pollers')}</th>
                    <th>{t('worker.columns.backlog')}</th>
                  </tr>
                </thead>
                <tbody>
                  <QueueRow kind="workflow" queue={status.data.temporal.value.workflow} now={now} />
                  <QueueRow kind="activity" queue={status.data.temporal.value.activity} now={now} />
                </tbody>
              </table>
            )}
          </section>

          <section className="card" data-testid="system-outbox">
            <div className="card__header">
              <h2>{t('outbox.title')}</h2>
              <span className="muted">{t('outbox.scope')}</span>
            </div>
            <div className="card__body">
              {status.data.outbox.state !== 'ok' ? (
                <p className="muted">{t('outbox.unknown')}</p>
              ) : (
                <dl className="definition-list">
                  <dt>{t('outbox.pending')}</dt>
                  <dd data-testid="system-outbox-pending" data-count={status.data.outbox.value.pending}>
                    {t('outbox.events', { count: status.data.outbox.value.pending })}
                  </dd>
                  <dt>{t('outbox.retrying')}</dt>
                  <dd>{t('outbox.events', { count: status.data.outbox.value.retrying })}</dd>
                  <dt>{t('outbox.oldestPending')}</dt>
                  <dd>
                    <When value={status.data.outbox.value.oldestPendingAt} now={now} />
                  </dd>
                  <dt>{t('outbox.lastDelivered')}</dt>
                  <dd>
                    <When value={status.data.outbox.value.lastDeliveredAt} now={now} />
                  </dd>
                  {status.data.outbox.value.lastError && (
                    <>
                      <dt>{t('outbox.lastError')}</dt>
                      <dd>
                        <code>{status.data.outbox.value.lastError}</code>
                      </dd>
                    </>
                  )}
                </dl>
              )}
            </div>
          </section>
        </div>
      )}
    </>
  );
}

function ServiceRow<T>({
  name,
  probe,
  detail,
}: {
  name: 'postgres' | 'temporal' | 'smtp';
  probe: ProbeResult<T>;
  detail: (value: T) => ReactNode;
}) {
  const t = useTranslations('system');
  const serviceNames = {
    postgres: t('services.names.postgres'),
    temporal: t('services.names.temporal'),
    smtp: t('services.names.smtp'),
  };
  let text: ReactNode;
  switch (probe.state) {
    case 'ok':
      text = (
        <>
          {detail(probe.value)}
          <span className="cell-secondary">{t('services.latency', { ms: probe.latencyMs })}</span>
        </>
      );
      break;
    case 'error':
      text = <code>{probe.error}</code>;
      break;
    case 'timeout':
      text = t('services.timeoutDetail', { ms: probe.timeoutMs });
      break;
    case 'not_configured':
      // Postgres and Temporal are always configured (the app does not start without them).
      text = t('services.smtpNotConfigured');
      break;
  }
  return (
    <tr data-testid={`system-service-${name}`} data-state={probe.state}>
      <td>{serviceNames[name]}</td>
      <td>
        <StateBadge state={probe.state} />
      </td>
      <td>{text}</td>
    </tr>
  );
}

function StateBadge({ state }: { state: ProbeState }) {
  const t = useTranslations('system.states');
  const tone = state === 'ok' ? 'ok' : state === 'not_configured' ? 'unknown' : 'down';
  const labels: Record<ProbeState, string> = {
    ok: t('ok'),
    error: t('error'),
    timeout: t('timeout'),
    not_configured: t('notConfigured'),
  };
  return <span className={`badge badge--health-${tone}`}>{labels[state]}</span>;
}

function QueueRow({ kind, queue, now }: { kind: 'workflow' | 'activity'; queue: QueuePollers; now: Date }) {
  const t = useTranslations('system.worker');
  const format = useFormats();
  return (
    <tr data-testid={`system-queue-${kind}`} data-polling={queue.polling}>
      <td>{kind === 'workflow' ? t('kinds.workflow') : t('kinds.activity')}</td>
      <td>
        <span className={`badge badge--health-${queue.polling ? 'ok' : 'down'}`}>
          {queue.polling ? t('polling') : t('notPolling')}
        </span>
      </td>
      <td>
        {queue.pollers.length === 0
          ? t('noPollers')
          : queue.pollers.map((poller) => (
              <span key={poller.identity} className="cell-secondary mono">
                {t('poller', {
                  identity: poller.identity,
                  when: poller.lastAccessTime ? format.relativePast(poller.lastAccessTime, now) : missing,
                })}
              </span>
            ))}
      </td>
      <td>
        {queue.backlog === null ? (
          <span className="muted">{t('backlogUnavailable')}</span>
        ) : (
          <>
            {t('backlog', { count: queue.backlog.count })}
            {queue.backlog.count > 0 && queue.backlog.oldestAgeSeconds !== null && (
              <span className="cell-secondary">
                {t('backlogAge', { seconds: queue.backlog.oldestAgeSeconds })}
              </span>
            )}
          </>
        )}
      </td>
    </tr>
  );
}

function When({ value, now }: { value: Date | null; now: Date }) {
  const format = useFormats();
  if (!value) return <>{missing}</>;
  return <span title={format.dateTime(value)}>{format.relativePast(value, now)}</span>;
}
