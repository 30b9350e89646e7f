import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Env } from '../../config/env';
import type { Database } from '../../db/client';
import { customers, journeys, journeyVersions, messageLog, smtpSinkMessages } from '../../db/schema';
import type { RunState } from '../../workflows/journey/interpreter';
import { journeyRunWorkflowType } from '../../workflows/journey/run-id';
import {
  CustomerIdKey,
  JourneyAttentionKey,
  JourneyIdKey,
  JourneyVersionKey,
  WorkspaceIdKey,
} from '../../workflows/journey/search-attributes';
import { failedStepAttention } from '../../workflows/journey/attention';
import { failedStepQuery, type FailedStep } from '../../workflows/journey/failed-step';
import { runStateQuery } from '../../workflows/journey-run';
import type { TemporalHandle } from '../temporal/client';
import { temporalUiRunUrl } from './temporal-ui-link';
import { runStatusOf, type RunStatus } from './visibility-query';

type Deps = { db: Database; env: Env; temporal: () => Promise<TemporalHandle> };

/** The run is not there, or belongs to another workspace (which must look the same). */
export class RunNotFoundError extends Error {
  constructor(readonly workflowId: string) {
    super(`No journey run "${workflowId}" in this workspace.`);
    this.name = 'RunNotFoundError';
  }
}

type History = temporal.api.history.v1.IHistory;
const EventType = temporal.api.enums.v1.EventType;

/**
 * The run's execution in this workspace, or RunNotFoundError. Every action goes through
 * here first: the WorkspaceId search attribute is what ties a Temporal run to a workspace.
 */
export async function workspaceRun(
  deps: Pick<Deps, 'temporal'>,
  workspaceId: string,
  workflowId: string,
  runId?: string,
) {
  const { client } = await deps.temporal();
  const handle = client.workflow.getHandle<(input: unknown) => Promise<RunState>>(workflowId, runId);
  try {
    const description = await handle.describe();
    if (
      description.type !== journeyRunWorkflowType ||
      description.typedSearchAttributes.get(WorkspaceIdKey) !== workspaceId
    ) {
      throw new RunNotFoundError(workflowId);
    }
    return { handle, description };
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw new RunNotFoundError(workflowId);
    throw error;
  }
}

export interface ActivityCallView {
  activity: string;
  scheduledAt: string;
  closedAt: string | null;
  /** completed | failed | timed_out | cancelled | pending */
  outcome: string;
  attempts: number;
  result: unknown;
  failure: string | null;
}

export interface TimelineStep {
  stepId: string;
  nodeType: string | null;
  config: Record<string, unknown> | null;
  /** The output handle taken; null for the step the run is on. */
  output: string | null;
  /** When the run reached the step (first activity or wait); null for steps that take no time. */
  at: string | null;
  activities: ActivityCallView[];
  result: unknown;
  skipReason: string | null;
  deferrals: Array<{ reason: string; until: string; at: string | null }>;
  email: { messageLogId: string; status: string; subject: string | null; inboxId: string | null } | null;
}

export interface RunDetail {
  workflowId: string;
  runId: string;
  status: RunStatus | null;
  temporalStatus: string;
  startTime: string;
  closeTime: string | null;
  journey: { id: string; name: string | null; version: number | null } | null;
  customer: { id: string; name: string | null; email: string | null } | null;
  /** The interpreter's state: queried for an open run, the result of a completed one. */
  state: RunState | null;
  stateError: string | null;
  failure: string | null;
  /** A step that failed for good, the run waiting for a retry (journey-run.ts `retryable-failures`). */
  failedStep: FailedStep | null;
  timeline: TimelineStep[];
  signals: Array<{ name: string; at: string; input: unknown }>;
  pendingActivities: Array<{
    activity: string;
    attempt: number;
    lastFailure: string | null;
    nextAttemptAt: string | null;
  }>;
  temporalUiUrl: string | null;
}

function decode(payloads: temporal.api.common.v1.IPayloads | null | undefined): unknown {
  const first = payloads?.payloads?.[0];
  if (!first) return null;
  try {
    return defaultPayloadConverter.fromPayload(first);
  } catch {
    return null;
  }
}

function time(ts: temporal.api.history.v1.IHistoryEvent['eventTime']): string {
  const seconds = Number(ts?.seconds ?? 0);
  return new Date(seconds * 1000 + Math.floor((ts?.nanos ?? 0) / 1e6)).toISOString();
}

interface HistoryFacts {
  activities: Map<string, ActivityCallView[]>;
  stepTimes: Map<string, string>;
  signals: RunDetail['signals'];
  failure: string | null;
  result: unknown;
}

/** What the history says happened, by step: activity calls (with results) and when each step was marked. */
export function readHistory(history: History): HistoryFacts {
  const facts: HistoryFacts = {
    activities: new Map(),
    stepTimes: new Map(),
    signals: [],
    failure: null,
    result: null,
  };
  const scheduled = new Map<string, { stepId: string; call: ActivityCallView }>();
  for (const event of history.events ?? []) {
    const at = time(event.eventTime);
    const id = String(event.eventId ?? '');
    switch (event.eventType) {
      case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: {
        const attrs = event.activityTaskScheduledEventAttributes;
        const input = decode(attrs?.input) as { stepId?: unknown } | null;
        const stepId = typeof input?.stepId === 'string' ? input.stepId : '';
        const call: ActivityCallView = {
          activity: attrs?.activityType?.name ?? '',
          scheduledAt: at,
          closedAt: null,
          outcome: 'pending',
          attempts: 0,
          result: null,
          failure: null,
        };
        scheduled.set(id, { stepId, call });
        const calls = facts.activities.get(stepId) ?? [];
        calls.push(call);
        facts.activities.set(stepId, calls);
        if (stepId && !facts.stepTimes.has(stepId)) facts.stepTimes.set(stepId, at);
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED: {
        const attrs = event.activityTaskStartedEventAttributes;
        const entry = scheduled.get(String(attrs?.scheduledEventId ?? ''));
        if (entry) entry.call.attempts = attrs?.attempt ?? entry.call.attempts + 1;
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED: {
        const attrs = event.activityTaskCompletedEventAttributes;
        const entry = scheduled.get(String(attrs?.scheduledEventId ?? ''));
        if (entry)
          Object.assign(entry.call, { closedAt: at, outcome: 'completed', result: decode(attrs?.result) });
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED: {
        const attrs = event.activityTaskFailedEventAttributes;
        const entry = scheduled.get(String(attrs?.scheduledEventId ?? ''));
        if (entry)
          Object.assign(entry.call, {
            closedAt: at,
            outcome: 'failed',
            failure: attrs?.failure?.message ?? null,
          });
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT: {
        const attrs = event.activityTaskTimedOutEventAttributes;
        const entry = scheduled.get(String(attrs?.scheduledEventId ?? ''));
        if (entry)
          Object.assign(entry.call, {
            closedAt: at,
            outcome: 'timed_out',
            failure: attrs?.failure?.message ?? null,
          });
        break;
      }
      case EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: {
        const fields = event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
        const payload = fields?.['JourneyStep'];
        if (payload) {
          const value = defaultPayloadConverter.fromPayload(payload);
          if (typeof value === 'string' && !facts.stepTimes.has(value)) facts.stepTimes.set(value, at);
        }
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED: {
        const attrs = event.workflowExecutionSignaledEventAttributes;
        facts.signals.push({ name: attrs?.signalName ?? '', at, input: decode(attrs?.input) });
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED:
        facts.result = decode(event.workflowExecutionCompletedEventAttributes?.result);
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED:
        facts.failure = event.workflowExecutionFailedEventAttributes?.failure?.message ?? null;
        break;
    }
  }
  return facts;
}

function isRunState(value: unknown): value is RunState {
  return typeof value === 'object' && value !== null && Array.isArray((value as RunState).path);
}

/** Everything the run detail page shows, read from Temporal (describe, query, history) and our tables. */
export async function getRunDetail(
  deps: Deps,
  input: { workspaceId: string; workflowId: string; runId?: string },
): Promise<RunDetail> {
  const { db, env } = deps;
  const { handle, description } = await workspaceRun(deps, input.workspaceId, input.workflowId, input.runId);
  const { settings } = await deps.temporal();
  const history = await handle.fetchHistory();
  const facts = readHistory(history);

  let state: RunState | null = isRunState(facts.result) ? facts.result : null;
  let stateError: string | null = null;
  if (!state) {
    try {
      // Open runs answer from their worker; closed ones are replayed by it (needs one polling).
      state = await (handle as WorkflowHandle).query(runStateQuery);
    } catch (error) {
      stateError = error instanceof Error ? error.message : String(error);
    }
  }

  const attributes = description.typedSearchAttributes;
  // Asked only of a run that says it waits at a failed step; older workers have no such query.
  const failedStep =
    description.status.name === 'RUNNING' && attributes.get(JourneyAttentionKey) === failedStepAttention
      ? await (handle as WorkflowHandle).query(failedStepQuery).catch(() => null)
      : null;
  const journeyId = attributes.get(JourneyIdKey) ?? null;
  const version = attributes.get(JourneyVersionKey) ?? null;
  const customerId = attributes.get(CustomerIdKey) ?? null;
  const [journey] = journeyId
    ? await db
        .select({ name: journeys.name })
        .from(journeys)
        .where(and(eq(journeys.id, journeyId), eq(journeys.workspaceId, input.workspaceId)))
    : [];
  const [programRow] =
    journeyId && version !== null
      ? await db
          .select({ program: journeyVersions.program })
          .from(journeyVersions)
          .where(
            and(
              eq(journeyVersions.workspaceId, input.workspaceId),
              eq(journeyVersions.journeyId, journeyId),
              eq(journeyVersions.version, version),
            ),
          )
      : [];
  const [customer] = customerId
    ? await db
        .select({ email: customers.email, firstName: customers.firstName, lastName: customers.lastName })
        .from(customers)
        .where(and(eq(customers.id, customerId), eq(customers.workspaceId, input.workspaceId)))
    : [];

  const program = programRow?.program;
  // Without the state (a closed run no worker could replay), the steps the history marked, in order.
  const stepIds = state
    ? state.path.map((p) => p.stepId)
    : [...facts.stepTimes.keys()].filter((id) => program?.steps[id] !== undefined);
  if (state?.currentStepId && !stepIds.includes(state.currentStepId)) stepIds.push(state.currentStepId);
  const messageLogIds = stepIds
    .map((id) => state?.results[id] as { messageLogId?: unknown } | undefined)
    .map((r) => (typeof r?.messageLogId === 'string' ? r.messageLogId : null))
    .filter((id): id is string => id !== null);
  const messages = messageLogIds.length
    ? await db
        .select({
          id: messageLog.id,
          status: messageLog.status,
          subject: messageLog.subject,
          inboxId: smtpSinkMessages.id,
        })
        .from(messageLog)
        .leftJoin(smtpSinkMessages, eq(smtpSinkMessages.messageId, messageLog.messageId))
        .where(and(eq(messageLog.workspaceId, input.workspaceId), inArray(messageLog.id, messageLogIds)))
    : [];
  const messagesById = new Map(messages.map((m) => [m.id, m]));

  const timeline: TimelineStep[] = stepIds.map((stepId, index) => {
    const node = program?.steps[stepId];
    const result = state?.results[stepId] ?? null;
    const logId = (result as { messageLogId?: unknown } | null)?.messageLogId;
    const message = typeof logId === 'string' ? messagesById.get(logId) : undefined;
    return {
      stepId,
      nodeType: node?.type ?? null,
      config: node?.config ?? null,
      output: state?.path[index]?.stepId === stepId ? state.path[index]!.output : null,
      at: facts.stepTimes.get(stepId) ?? null,
      activities: facts.activities.get(stepId) ?? [],
      result,
      skipReason: state?.skips.find((s) => s.stepId === stepId)?.reason ?? null,
      deferrals: (state?.deferrals ?? [])
        .filter((d) => d.stepId === stepId)
        .map(({ reason, until, at }) => ({ reason, until, at })),
      email: message
        ? {
            messageLogId: message.id,
            status: message.status,
            subject: message.subject,
            inboxId: message.inboxId,
          }
        : null,
    };
  });

  return {
    workflowId: description.workflowId,
    runId: description.runId,
    status: runStatusOf(description.status.name),
    temporalStatus: description.status.name,
    startTime: description.startTime.toISOString(),
    closeTime: description.closeTime?.toISOString() ?? null,
    journey: journeyId ? { id: journeyId, name: journey?.name ?? null, version } : null,
    customer: customerId
      ? {
          id: customerId,
          name: customer ? [customer.firstName, customer.lastName].filter(Boolean).join(' ') || null : null,
          email: customer?.email ?? null,
        }
      : null,
    state,
    stateError: state ? null : stateError,
    failure: facts.failure,
    failedStep,
    timeline,
    signals: facts.signals,
    pendingActivities: (description.raw.pendingActivities ?? []).map((p) => ({
      activity: p.activityType?.name ?? '',
      attempt: p.attempt ?? 1,
      lastFailure: p.lastFailure?.message ?? null,
      nextAttemptAt: p.nextAttemptScheduleTime ? time(p.nextAttemptScheduleTime) : null,
    })),
    temporalUiUrl: temporalUiRunUrl(
      env.TEMPORAL_UI_URL,
      settings.namespace,
      description.workflowId,
      description.runId,
    ),
  };
}

/**
 * The run's raw Temporal history as protobufjs's object form (64-bit ids as strings, enums
 * by name, bytes base64): not `historyToJSON`, which throws "type must be a Type" with the
 * two protobufjs copies installed here (see `workflows/record-histories.int.test.ts`).
 */
export async function getRunHistory(
  deps: Pick<Deps, 'temporal'>,
  input: { workspaceId: string; workflowId: string; runId?: string },
): Promise<unknown> {
  const { handle } = await workspaceRun(deps, input.workspaceId, input.workflowId, input.runId);
  const History = temporal.api.history.v1.History;
  const history = await handle.fetchHistory();
  return History.toObject(History.fromObject(history as Parameters<typeof History.fromObject>[0]), {
    longs: String,
    enums: String,
    bytes: String,
  });
}
