'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { Loading, QueryError } from '../../_components/query-state';
import { RunStatusBadge } from '../../_components/status-badge';
import { missing, useFormats } from '../../_i18n/use-formats';
import { useAccess } from '../../_components/use-access';
import { useTRPC } from '../../_trpc/react';
import { CancelRunDialog, RetryStepDialog, SendEventDialog, SkipWaitDialog } from '../run-dialogs';
import { useStepLabel } from '../use-step-label';

function Json({ value, testId }: { value: unknown; testId?: string }) {
  return (
    <pre className="run-json" data-testid={testId}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

const date = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

/**
 * One run, as an admin inspecting it needs it: where it is and since when, each step with
 * its config and what its activity did, skips and deferrals, what it waits for, the raw
 * Temporal history one click away, and the actions (each confirmed in a dialog).
 */
export function RunDetailView({ workflowId, runId }: { workflowId: string; runId: string | undefined }) {
  const t = useTranslations('runDetail');
  const tr = useTranslations('runs');
  const format = useFormats();
  const stepLabel = useStepLabel();
  const trpc = useTRPC();
  const { canEdit } = useAccess();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'cancel' | 'event' | 'skip' | 'retry' | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const detail = useQuery(
    trpc.runs.get.queryOptions(
      { workflowId, runId },
      { refetchInterval: (query) => (query.state.data?.status === 'running' ? 3000 : false) },
    ),
  );
  const history = useQuery({
    ...trpc.runs.history.queryOptions({ workflowId, runId: detail.data?.runId ?? runId }),
    enabled: historyOpen,
  });

  if (detail.isPending) return <Loading label={t('loading')} />;
  if (detail.isError) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  const run = detail.data;
  const waiting = run.state?.waiting ?? null;
  const running = run.status === 'running';

  async function download() {
    const data = await queryClient.fetchQuery(
      trpc.runs.history.queryOptions({ workflowId, runId: run.runId }),
    );
    const blob = new Blob([JSON.stringify({ workflowId, runId: run.runId, history: data }, null, 1)], {
      type: 'application/json',
    });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${workflowId.replace(/[^A-Za-z0-9_-]/g, '_')}-${run.runId}.json`;
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <h1>
            {run.journey ? (
              <Link href={`/journeys/${run.journey.id}`}>{run.journey.name ?? run.journey.id}</Link>
            ) : (
              tr('unknownJourney')
            )}
            {run.journey?.version != null && (
              <span className="cell-secondary"> {tr('version', { version: run.journey.version })}</span>
            )}
          </h1>
          <span className="page-header__subtitle" data-testid="run-detail-id">
            {run.workflowId}
          </span>
        </div>
        <div className="toolbar">
          {running && canEdit && (
            <>
              <button
                type="button"
                className="button"
                onClick={() => setDialog('event')}
                data-testid="run-send-event"
              >
                {t('actions.sendEvent')}
              </button>
              {waiting && !(waiting.kind === 'sleep' && waiting.retry) && (
                <button
                  type="button"
                  className="button"
                  onClick={() => setDialog('skip')}
                  data-testid="run-skip-wait"
                >
                  {t('actions.skipWait')}
                </button>
              )}
              <button
                type="button"
                className="button button--danger"
                onClick={() => setDialog('cancel')}
                data-testid="run-cancel"
              >
                {t('actions.cancel')}
              </button>
            </>
          )}
          {run.temporalUiUrl && (
            <a
              className="button"
              href={run.temporalUiUrl}
              target="_blank"
              rel="noreferrer"
              data-testid="run-temporal-ui"
            >
              {t('temporalUi')}
            </a>
          )}
        </div>
      </div>

      <section className="card" data-testid="run-summary">
        <div className="card__body run-summary">
          <dl className="run-facts">
            <dt>{tr('columns.status')}</dt>
            <dd>
              <RunStatusBadge status={run.temporalStatus} />
            </dd>
            <dt>{tr('columns.customer')}</dt>
            <dd>
              {run.customer ? (
                <Link href={`/customers/${run.customer.id}`}>
                  {run.customer.name ?? run.customer.email ?? run.customer.id}
                </Link>
              ) : (
                missing
              )}
            </dd>
            <dt>{tr('columns.started')}</dt>
            <dd>{format.dateTime(date(run.startTime))}</dd>
            <dt>{tr('columns.ended')}</dt>
            <dd>{format.dateTime(date(run.closeTime))}</dd>
            {run.state?.exitedBy && (
              <>
                <dt>{t('exitedBy')}</dt>
                <dd>{run.state.exitedBy === 'goal' ? t('exit.goal') : t('exit.exit_node')}</dd>
              </>
            )}
          </dl>
          {(run.failure ?? run.state?.error) && (
            <p className="alert alert--error" data-testid="run-failure">
              {run.failure ?? run.state?.error}
            </p>
          )}
          {run.stateError && <p className="field__help">{t('stateUnavailable')}</p>}
        </div>
      </section>

      {run.failedStep && (
        <section className="card" data-testid="run-failed-step">
          <div className="card__header">
            <h2>{t('failedStep.title', { step: run.failedStep.stepId })}</h2>
          </div>
          <div className="card__body stack">
            <p className="alert alert--error" data-testid="run-failed-step-message">
              {run.failedStep.message}
            </p>
            <p className="field__help">
              {t('failedStep.explain', {
                activity: run.failedStep.activity,
                failedAt: format.dateTime(date(run.failedStep.failedAt)),
                until: format.dateTime(date(run.failedStep.retryUntil)),
              })}
            </p>
            {canEdit && (
              <div>
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() => setDialog('retry')}
                  data-testid="run-retry-step"
                >
                  {t('actions.retryStep')}
                </button>
              </div>
            )}
          </div>
        </section>
      )}

      {(waiting || run.pendingActivities.length > 0) && (
        <section className="card" data-testid="run-pending">
          <div className="card__header">
            <h2>{t('pending.title')}</h2>
          </div>
          <div className="card__body">
            {waiting?.kind === 'event' && (
              <p data-testid="run-waiting">
                {t('pending.event', {
                  event: waiting.eventName,
                  step: waiting.stepId,
                  until: format.dateTime(date(waiting.timeoutAt)),
                })}
              </p>
            )}
            {waiting?.kind === 'sleep' && (
              <p data-testid="run-waiting">
                {waiting.retry
                  ? t('pending.deferred', {
                      step: waiting.stepId,
                      reason: waiting.reason ?? missing,
                      until: format.dateTime(date(waiting.until)),
                    })
                  : t('pending.sleep', { step: waiting.stepId, until: format.dateTime(date(waiting.until)) })}
              </p>
            )}
            {run.pendingActivities.map((activity, index) => (
              <p key={index} data-testid="run-pending-activity">
                {t('pending.activity', { activity: activity.activity, attempt: activity.attempt })}
                {activity.nextAttemptAt &&
                  ` ${t('pending.nextAttempt', { at: format.dateTime(date(activity.nextAttemptAt)) })}`}
                {activity.lastFailure && <span className="field__error"> {activity.lastFailure}</span>}
              </p>
            ))}
          </div>
        </section>
      )}

      <section className="card" data-testid="run-timeline">
        <div className="card__header">
          <h2>{t('timeline.title')}</h2>
        </div>
        {run.timeline.length === 0 ? (
          <div className="card__body muted">{t('timeline.empty')}</div>
        ) : (
          <ol className="run-timeline">
            {run.timeline.map((step, index) => (
              <li
                key={`${index}:${step.stepId}`}
                className="run-timeline__step"
                data-testid="run-timeline-step"
                data-step={step.stepId}
              >
                <div className="run-timeline__head">
                  <strong>{stepLabel({ id: step.stepId, nodeType: step.nodeType })}</strong>{' '}
                  <span className="cell-secondary">{step.stepId}</span>{' '}
                  <span className="badge" data-testid="run-step-output">
                    {step.output ?? t('timeline.current')}
                  </span>{' '}
                  <span className="muted">{format.dateTime(date(step.at))}</span>
                </div>
                {step.skipReason && (
                  <p className="run-timeline__note" data-testid="run-step-skip">
                    {t('timeline.skipped', { reason: step.skipReason })}
                  </p>
                )}
                {step.deferrals.map((deferral, index) => (
                  <p key={index} className="run-timeline__note" data-testid="run-step-deferral">
                    {t('timeline.deferred', {
                      reason: deferral.reason,
                      until: format.dateTime(date(deferral.until)),
                    })}
                  </p>
                ))}
                {step.email && (
                  <p className="run-timeline__note" data-testid="run-step-email">
                    {t('timeline.email', {
                      status: step.email.status,
                      subject: step.email.subject ?? missing,
                    })}{' '}
                    {step.email.inboxId && (
                      <Link href={`/inbox/${encodeURIComponent(step.email.inboxId)}`}>
                        {t('timeline.openMessage')}
                      </Link>
                    )}
                  </p>
                )}
                <StepResult result={step.result} />
                {step.activities.map((call, index) => (
                  <p key={index} className="run-timeline__note" data-testid="run-step-activity">
                    {t('timeline.activity', {
                      activity: call.activity,
                      outcome: call.outcome,
                      attempts: call.attempts,
                      at: format.dateTime(date(call.closedAt ?? call.scheduledAt)),
                    })}
                    {call.failure && <span className="field__error"> {call.failure}</span>}
                  </p>
                ))}
                <details>
                  <summary>{t('timeline.details')}</summary>
                  <h3 className="run-json__title">{t('timeline.config')}</h3>
                  <Json value={step.config} />
                  <h3 className="run-json__title">{t('timeline.result')}</h3>
                  <Json value={step.result} />
                </details>
              </li>
            ))}
          </ol>
        )}
      </section>

      {run.signals.length > 0 && (
        <section className="card" data-testid="run-signals">
          <div className="card__header">
            <h2>{t('signals.title')}</h2>
          </div>
          <ul className="card__body">
            {run.signals.map((signal, index) => (
              <li key={index}>
                <span className="muted">{format.dateTime(date(signal.at))}</span>{' '}
                <code>{(signal.input as { name?: string } | null)?.name ?? signal.name}</code>
                <Json value={signal.input} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card" data-testid="run-history">
        <div className="card__header">
          <h2>{t('history.title')}</h2>
          <button
            type="button"
            className="button"
            onClick={() => void download()}
            data-testid="run-history-download"
          >
            {t('history.download')}
          </button>
        </div>
        <details className="card__body" onToggle={(event) => setHistoryOpen(event.currentTarget.open)}>
          <summary>{t('history.show')}</summary>
          {history.isPending ? (
            <Loading />
          ) : history.isError ? (
            <QueryError error={history.error} />
          ) : (
            <Json value={history.data} testId="run-history-json" />
          )}
        </details>
      </section>

      {dialog === 'retry' && run.failedStep && (
        <RetryStepDialog
          workflowId={run.workflowId}
          stepId={run.failedStep.stepId}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'cancel' && <CancelRunDialog workflowId={run.workflowId} onClose={() => setDialog(null)} />}
      {dialog === 'skip' && waiting && (
        <SkipWaitDialog workflowId={run.workflowId} stepId={waiting.stepId} onClose={() => setDialog(null)} />
      )}
      {dialog === 'event' && (
        <SendEventDialog
          workflowId={run.workflowId}
          suggestedName={waiting?.kind === 'event' ? waiting.eventName : null}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}

/** The parts of an activity's result an admin looks for first: points booked, webhook answer. */
function StepResult({ result }: { result: unknown }) {
  const t = useTranslations('runDetail.timeline');
  if (typeof result !== 'object' || result === null) return null;
  const r = result as Record<string, unknown>;
  if (typeof r.entryId === 'string' && typeof r.points === 'number')
    return (
      <p className="run-timeline__note" data-testid="run-step-ledger">
        {t('ledger', { points: r.points, entry: r.entryId })}
      </p>
    );
  if ('statusCode' in r && 'responseBody' in r)
    return (
      <p className="run-timeline__note" data-testid="run-step-webhook">
        {t('webhook', { status: String(r.statusCode ?? missing) })}
        <code className="run-webhook-body">{String(r.responseBody ?? '').slice(0, 500)}</code>
      </p>
    );
  return null;
}
