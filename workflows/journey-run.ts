import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  continueAsNew,
  defineQuery,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  CallWebhookInput,
  JourneyActivities,
  RunContextActivities,
  StepContext,
  StepPassActivities,
  TriggerEvent,
} from './journey/activities-contract';
import {
  initialRunState,
  pendingEffect,
  step,
  type Effect,
  type RunContext,
  type RunState,
  type StepOutcome,
} from './journey/interpreter';
import type { JourneyProgram } from './journey/program';
import { failedStepAttention } from './journey/attention';
import { failedStepQuery, failedStepRetryWindowMs, type FailedStep } from './journey/failed-step';
import { JourneyAttentionKey, JourneyStepKey } from './journey/search-attributes';
import {
  journeyEventSignal,
  retryStepSignal,
  skipWaitSignal,
  type JourneyEvent,
  type RetryStepRequest,
  type SkipWaitRequest,
} from './journey/signals';

export interface JourneyRunInput {
  program: JourneyProgram;
  customerId: string;
  /** The event that started the run, for event-triggered journeys (formulas and templates read it). */
  triggerEvent?: TriggerEvent;
  /**
   * Set by continue-as-new: the interpreter state so far, events not yet handled, and how
   * much of the path is recorded as step passes (absent: none, in runs from before them).
   */
  resume?: { state: RunState; inbox: JourneyEvent[]; recordedPasses?: number; recordedSkips?: number };
  /** Continue as new past this many history events; tests lower it. Default 2,000. */
  historyLimit?: number;
  /**
   * Date triggers (set by the scheduled scan): the instant the run was due, the trigger's
   * local hour that day. A start later than the journey's `maxLatenessMinutes` after it
   * skips the steps (recorded `late`). Absent for every other start.
   */
  dueAt?: string;
  /** Set by continue-as-new: when the first execution started (the customer's entry). */
  enteredAt?: string;
  /** How long a failed step waits for an admin's retry; default 7 days, tests lower it. */
  failedStepRetryWindowMs?: number;
}

export const runStateQuery = defineQuery<RunState>('runState');

/**
 * Behaviour added after the first recorded histories (`workflows/fixtures/histories`):
 * the run context loaded at start, events, timers, deferred sends, continue-as-new.
 * Runs that started before it replay on the old path.
 */
export const waitsAndEventsPatch = 'waits-and-events';
/** Runs started after this change key their side effects per execution chain, see `runKeyOf`. */
export const perExecutionRunKeyPatch = 'per-execution-run-key';
/** Date-triggered runs started after this change are judged against the journey's maximum lateness. */
export const maxLatenessPatch = 'max-lateness';
/**
 * A step that fails for good waits for an admin's retry (`retryStep`) instead of failing the
 * run. Asked only when a step has failed, so histories without a failure are unchanged, and
 * runs that failed before this change replay to the same failure.
 */
export const retryableFailuresPatch = 'retryable-failures';
/**
 * Runs record the steps they pass (`journey_step_passes`) whenever they pause or end, for
 * the canvas' per-step counts and journey reports. Histories from before it replay without.
 */
export const stepPassesPatch = 'step-passes';

/** Continue as new before the history grows large (Temporal warns at 10k events). */
const defaultHistoryLimit = 2_000;

const activityOptions = {
  startToCloseTimeout: '2 minutes',
  // Activities are idempotent by run + step, so retrying is always safe.
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
} as const;

const activities = proxyActivities<JourneyActivities>(activityOptions);
const contextActivities = proxyActivities<RunContextActivities>(activityOptions);
// A local activity: one insert, run by the worker inside the workflow task that pauses or
// ends the run, so recording adds no task round trip of its own.
const passActivities = proxyLocalActivities<StepPassActivities>({
  startToCloseTimeout: '30 seconds',
  retry: activityOptions.retry,
});

/** The one workflow that runs journeys: a thin Temporal runner around the pure interpreter. */
export async function journeyRun(input: JourneyRunInput): Promise<RunState> {
  const { program, customerId, triggerEvent } = input;
  const historyLimit = input.historyLimit ?? defaultHistoryLimit;
  const retryWindowMs = input.failedStepRetryWindowMs ?? failedStepRetryWindowMs;
  let state: RunState = input.resume?.state ?? initialRunState;
  const inbox: JourneyEvent[] = [...(input.resume?.inbox ?? [])];
  setHandler(runStateQuery, () => state);
  // Events are handled by the main loop, in order, between steps: never in the handler.
  setHandler(journeyEventSignal, (event) => void inbox.push(event));
  // An admin's "skip wait", likewise handled by the loop. No `patched()` gate: histories
  // without this signal take exactly the old path (the wait's extra wake-up never fires).
  const skipRequests: SkipWaitRequest[] = [];
  setHandler(skipWaitSignal, (request) => void skipRequests.push(request));
  // An admin's "retry step" for a step that failed for good; looked at only while one has.
  const retryRequests: RetryStepRequest[] = [];
  setHandler(retryStepSignal, (request) => void retryRequests.push(request));
  let failed: FailedStep | null = null;
  setHandler(failedStepQuery, () => failed);
  const context: Omit<StepContext, 'stepId'> = {
    workspaceId: program.workspaceId,
    journeyId: program.journeyId,
    journeyVersion: program.version,
    customerId,
    runId: runKeyOf(program),
    ...(triggerEvent ? { triggerEvent } : {}),
  };
  const v2 = patched(waitsAndEventsPatch);
  const now = () => new Date(Date.now()).toISOString();
  const recordsPasses = patched(stepPassesPatch);
  let recordedPasses = input.resume?.recordedPasses ?? 0;
  let recordedSkips = input.resume?.recordedSkips ?? 0;
  /**
   * Records the path since the last record: called where the run pauses, and before it ends
   * (`ended`: how, so reports can count goals and exits even when nothing was passed). Skips
   * ride along; they never decide whether to record, so histories from before they were
   * recorded replay with the same local activities.
   */
  const recordPasses = async (ended?: 'completed' | 'goal' | 'exit_node' | 'failed') => {
    if (!recordsPasses || (state.path.length <= recordedPasses && !ended)) return;
    const fromIndex = recordedPasses;
    await passActivities.recordStepPasses({
      workspaceId: program.workspaceId,
      journeyId: program.journeyId,
      journeyVersion: program.version,
      runId: context.runId,
      fromIndex,
      passes: state.path.slice(fromIndex),
      at: now(),
      ...(state.skips.length > recordedSkips
        ? { skipsFromIndex: recordedSkips, skips: state.skips.slice(recordedSkips) }
        : {}),
      ...(ended
        ? {
            ended: {
              outcome: ended,
              customerId,
              enteredAt: input.enteredAt ?? workflowInfo().startTime.toISOString(),
            },
          }
        : {}),
    });
    recordedPasses = state.path.length;
    recordedSkips = state.skips.length;
  };
  const endOf = (effect: Effect | null) =>
    !effect || effect.kind === 'complete'
      ? 'completed'
      : effect.kind === 'exit'
        ? effect.reason
        : effect.kind === 'fail'
          ? 'failed'
          : undefined;

  let pending: Effect | null;
  if (input.resume) {
    pending = pendingEffect(program, state);
  } else {
    let runContext: RunContext | undefined;
    if (v2) {
      const profile = await contextActivities.loadRunContext({
        workspaceId: program.workspaceId,
        customerId,
      });
      runContext = { runKey: context.runId, profile, triggerEvent: triggerEvent ?? null };
    }
    // Asked only of runs that can be late, so every other run's history stays as it was.
    const dueAt =
      input.dueAt !== undefined && program.settings.maxLatenessMinutes !== null && patched(maxLatenessPatch)
        ? input.dueAt
        : undefined;
    const started = step(program, state, {
      kind: 'start',
      now: now(),
      ...(runContext ? { context: runContext } : {}),
      ...(dueAt !== undefined ? { dueAt } : {}),
    });
    state = started.state;
    // The event that started the run may be redelivered as a signal (a dispatcher retry): seen already.
    if (v2 && triggerEvent?.id) state = { ...state, seenEventIds: [...state.seenEventIds, triggerEvent.id] };
    pending = started.effects[0] ?? null;
  }
  const apply = (outcome: StepOutcome) => {
    state = outcome.state;
    if (outcome.effects[0]) pending = outcome.effects[0];
    else if (state.status !== 'running') pending = null;
  };

  let marked: string | null = null;
  for (;;) {
    const live =
      pending !== null && pending.kind !== 'complete' && pending.kind !== 'exit' && pending.kind !== 'fail';
    if (v2 && live && inbox.length > 0) {
      // A goal ends the run before its next step; a matching event satisfies a wait.
      apply(step(program, state, { kind: 'event', event: inbox.shift()!, now: now() }));
      continue;
    }
    if (live && skipRequests.length > 0) {
      // The interpreter ignores a request for a step the run is no longer waiting at.
      const { stepId, by } = skipRequests.shift()!;
      apply(step(program, state, { kind: 'skip_wait', stepId, by, now: now() }));
      continue;
    }
    const value = state.currentStepId ?? state.status;
    // The old path marked before every step, even unchanged; new runs only on a change.
    if (!v2 || value !== marked) markStep(value);
    marked = value;
    const effect: Effect | null = pending;
    if (!effect || effect.kind !== 'activity') await recordPasses(endOf(effect));
    if (!effect) return state;
    if (v2 && live && workflowInfo().historyLength > historyLimit) {
      await continueAsNew<typeof journeyRun>({
        program,
        customerId,
        ...(triggerEvent ? { triggerEvent } : {}),
        resume: { state, inbox, ...(recordsPasses ? { recordedPasses, recordedSkips } : {}) },
        enteredAt: input.enteredAt ?? workflowInfo().startTime.toISOString(),
        ...(input.historyLimit ? { historyLimit: input.historyLimit } : {}),
        ...(input.failedStepRetryWindowMs ? { failedStepRetryWindowMs: input.failedStepRetryWindowMs } : {}),
      });
    }
    switch (effect.kind) {
      case 'complete':
      case 'exit':
        return state;
      case 'fail':
        throw ApplicationFailure.nonRetryable(effect.reason, 'JourneyProgramError');
      case 'activity': {
        let result: unknown;
        try {
          result = await runActivity(effect, v2);
        } catch (error) {
          if (!(error instanceof ActivityFailure) || !patched(retryableFailuresPatch)) throw error;
          // Retried: `pending` is still this step, so the loop runs it again with the same keys.
          if (await waitForRetry(effect, error)) break;
          throw ApplicationFailure.nonRetryable(
            `Step "${effect.stepId}" failed and was not retried within ${describeWindow(retryWindowMs)}: ${failureMessage(error)}`,
            'StepFailed',
          );
        }
        apply(step(program, state, { kind: 'activity_result', stepId: effect.stepId, result, now: now() }));
        break;
      }
      case 'sleep':
      case 'waitForEvent': {
        const until = Date.parse(effect.kind === 'sleep' ? effect.until : effect.timeoutAt);
        const wait = until - Date.now();
        const wake = () => inbox.length > 0 || skipRequests.length > 0;
        const woken = wait > 0 ? await condition(wake, wait) : wake();
        // Woken by an event or a skip: the loop hands it to the interpreter, then waits again if it did not matter.
        if (!woken) apply(step(program, state, { kind: 'timer_fired', stepId: effect.stepId, now: now() }));
        break;
      }
    }
  }

  /** True when an admin asked to retry the failed step in time; false when the window passed. */
  async function waitForRetry(
    effect: Extract<Effect, { kind: 'activity' }>,
    error: ActivityFailure,
  ): Promise<boolean> {
    // A request from before this failure cannot be about it.
    retryRequests.length = 0;
    await recordPasses();
    failed = {
      stepId: effect.stepId,
      activity: effect.activity,
      message: failureMessage(error),
      failedAt: now(),
      retryUntil: new Date(Date.now() + retryWindowMs).toISOString(),
    };
    upsertSearchAttributes([{ key: JourneyAttentionKey, value: failedStepAttention }]);
    const retried = await condition(
      () => retryRequests.some((request) => request.stepId === effect.stepId),
      retryWindowMs,
    );
    failed = null;
    upsertSearchAttributes([{ key: JourneyAttentionKey, value: null }]);
    return retried;
  }

  function runActivity(effect: Extract<Effect, { kind: 'activity' }>, v2: boolean): Promise<unknown> {
    const base = { ...context, stepId: effect.stepId, ...effect.args };
    if (effect.activity === 'sendEmail') {
      // Emails may show what earlier steps produced (a voucher code), so they get the results so far;
      // quiet hours and the cap are decided by the send activity (it may defer).
      const settings = v2
        ? { quietHours: program.settings.quietHours, emailCap: program.settings.emailCap }
        : {};
      return activities.sendEmail({ ...base, earlier: state.results, ...settings } as Parameters<
        JourneyActivities['sendEmail']
      >[0]);
    }
    if (effect.activity === 'callWebhook') {
      const args = effect.args as Omit<CallWebhookInput, keyof StepContext>;
      // The node's own timeout and retries, so a slow or failing receiver is treated as configured.
      const webhook = proxyActivities<JourneyActivities>({
        startToCloseTimeout: `${args.timeoutSeconds + 5} seconds`,
        retry: { ...activityOptions.retry, maximumAttempts: args.retries + 1 },
      });
      return webhook.callWebhook({ ...base, earlier: state.results } as CallWebhookInput);
    }
    const call = activities[effect.activity] as (input: unknown) => Promise<unknown>;
    return call(base);
  }
}

/**
 * The base of every activity's idempotency key. The workflow id names one run, except
 * under the `after_exit` re-entry policy, where a customer's later runs reuse it: there
 * the first execution's run id (stable across retries and continue-as-new) is added, or
 * a second run's award and email would be taken for repeats of the first one's.
 */
function runKeyOf(program: JourneyProgram): string {
  const info = workflowInfo();
  if (program.settings.reentry !== 'after_exit' || !patched(perExecutionRunKeyPatch)) return info.workflowId;
  return `${info.workflowId}@${info.firstExecutionRunId}`;
}

function describeWindow(ms: number): string {
  return ms >= 86_400_000 ? `${Math.round(ms / 86_400_000)} days` : `${Math.round(ms / 1000)} seconds`;
}

/** What went wrong, from the activity's own error (an ActivityFailure only says which activity). */
function failureMessage(error: ActivityFailure): string {
  return (error.cause?.message ?? error.message).slice(0, 1_000);
}

function markStep(value: string): void {
  upsertSearchAttributes([{ key: JourneyStepKey, value }]);
}
