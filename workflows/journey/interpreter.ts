import type { ActivityCall, RunProfile, TriggerEvent } from './activities-contract';
import { findNodeType } from './nodes';
import type { StepPlan } from './nodes/define-node';
import type { JourneyProgram } from './program';
import { matchesFilters, type PropertyFilter } from './property-filter';
import type { JourneyEvent } from './signals';

/**
 * The pure core of a journey run: `step(program, state, input) → { state, effects }`.
 * It never performs a side effect; it says which one it needs as data. The Temporal
 * workflow, the simulator and unit tests are three runners of the same semantics.
 */

/** What the run knows of itself: fixed at start, carried across continue-as-new. */
export interface RunContext {
  /** The workflow id (the simulator's made-up one): random splits hash it. */
  runKey: string;
  /** Null for runs that started before the profile was loaded at start: delays use UTC. */
  profile: RunProfile | null;
  triggerEvent: TriggerEvent | null;
}

/** What a paused run waits for; the runner turns it into a timer and a signal wait. */
export type Waiting =
  /**
   * A delay (`retry: false`), or an action the activity deferred (quiet hours, the email
   * cap: `retry: true`, the same step is called again at `until`).
   */
  | { kind: 'sleep'; stepId: string; until: string; retry: boolean; reason?: string }
  | { kind: 'event'; stepId: string; eventName: string; filters: PropertyFilter[]; timeoutAt: string };

export interface RunState {
  status: 'running' | 'completed' | 'failed';
  /** The step whose effect is outstanding, or null before start and after the end. */
  currentStepId: string | null;
  /** Steps completed, in order, with the output each one took. */
  path: Array<{ stepId: string; output: string }>;
  /** Results of earlier steps, by step id (for later steps and templates, e.g. a voucher code). */
  results: Record<string, unknown>;
  error?: string;
  /** Set while the run sleeps or waits for an event. */
  waiting: Waiting | null;
  /** Ids of the events this run has handled, newest last, at most `seenEventLimit`: a redelivery is ignored. */
  seenEventIds: string[];
  /** Actions that did not happen, with why (no consent, no email address, a missing date, `late`). */
  skips: Array<{ stepId: string; reason: string }>;
  /**
   * Actions put off by their activity (quiet hours, the email cap), oldest first, with when
   * they were tried again. Absent until the first one (and in runs from before it was kept).
   */
  deferrals?: Array<{ stepId: string; reason: string; until: string; at: string | null }>;
  /**
   * Waits an admin ended early (the runs inspector's "skip wait"), oldest first: which step,
   * who asked and when. Absent until the first one (and in runs from before it existed).
   */
  skippedWaits?: Array<{ stepId: string; by: string; at: string | null }>;
  /** How a run that ended early ended: its goal event, or an exit step. */
  exitedBy: 'goal' | 'exit_node' | null;
  context: RunContext | null;
  /** The clock at the last input (ISO); null before the first input carrying one. */
  now: string | null;
}

export type Effect =
  | ({ kind: 'activity'; stepId: string } & ActivityCall)
  | { kind: 'sleep'; stepId: string; until: string }
  | { kind: 'waitForEvent'; stepId: string; eventName: string; filters: PropertyFilter[]; timeoutAt: string }
  | { kind: 'exit'; reason: 'goal' | 'exit_node' }
  | { kind: 'complete' }
  | { kind: 'fail'; reason: string };

/**
 * `now` is the runner's clock (Temporal's deterministic `Date.now()`, the simulator's
 * virtual one). Runs of programs without delays or waits never need it, so older
 * callers may leave it out of `start` and `activity_result`.
 */
export type RunInput =
  /**
   * `dueAt`: set for a date-triggered run (the trigger's local hour that day); a start more
   * than the journey's `maxLatenessMinutes` after it skips the run's steps, recorded `late`.
   */
  | { kind: 'start'; now?: string; context?: RunContext; dueAt?: string }
  | { kind: 'activity_result'; stepId: string; result: unknown; now?: string }
  | { kind: 'timer_fired'; stepId: string; now: string }
  | { kind: 'event'; event: JourneyEvent; now: string }
  /**
   * An admin ends the wait at `stepId` now, as if its time had come (a delay goes on by
   * `next`, a wait for an event by `timeout`). Naming the step makes a stale request (the
   * run moved on since the admin looked) do nothing. `by` says who asked.
   */
  | { kind: 'skip_wait'; stepId: string; by: string; now: string };

export interface StepOutcome {
  state: RunState;
  effects: Effect[];
}

export const seenEventLimit = 500;
/** The skip reason of a date-triggered run that started later than the journey's maximum lateness. */
export const lateSkipReason = 'late';
/** The skip reason recorded for a wait an admin ended early. */
export const adminSkipReason = 'admin skip';
/** Flow steps that take no time (branches, skips) chained in one input; the compiler forbids loops without a wait. */
const maxInstantSteps = 1_000;

export const initialRunState: RunState = {
  status: 'running',
  currentStepId: null,
  path: [],
  results: {},
  waiting: null,
  seenEventIds: [],
  skips: [],
  exitedBy: null,
  context: null,
  now: null,
};

export function step(program: JourneyProgram, state: RunState, input: RunInput): StepOutcome {
  if (state.status !== 'running') return { state, effects: [] };
  const clocked: RunState = input.now === undefined ? state : { ...state, now: input.now };
  switch (input.kind) {
    case 'start': {
      if (state.currentStepId !== null || state.path.length > 0) return { state, effects: [] };
      const started: RunState = { ...clocked, context: input.context ?? state.context };
      if (input.dueAt !== undefined && isLate(program, input.dueAt, started.now))
        return lateStart(program, started);
      return enter(program, started, program.entry);
    }
    case 'activity_result':
      return activityResult(program, clocked, input.stepId, input.result);
    case 'timer_fired':
      return timerFired(program, clocked, input.stepId);
    case 'event':
      return eventReceived(program, clocked, input.event);
    case 'skip_wait':
      // A request that changes nothing leaves the state exactly as it was, clock included.
      return canSkipWait(state, input.stepId)
        ? skipWait(program, clocked, input.stepId, input.by)
        : { state, effects: [] };
  }
}

/** The effect the run is blocked on, rebuilt from its state (a runner resuming after continue-as-new). */
export function pendingEffect(program: JourneyProgram, state: RunState): Effect | null {
  if (state.status !== 'running' || state.currentStepId === null) return null;
  const waiting = state.waiting;
  if (waiting?.kind === 'sleep') return { kind: 'sleep', stepId: waiting.stepId, until: waiting.until };
  if (waiting?.kind === 'event') {
    const { stepId, eventName, filters, timeoutAt } = waiting;
    return { kind: 'waitForEvent', stepId, eventName, filters, timeoutAt };
  }
  const current = program.steps[state.currentStepId];
  const call = current && findNodeType(current.type)?.action?.(current.config);
  return call ? { kind: 'activity', stepId: state.currentStepId, ...call } : null;
}

function activityResult(
  program: JourneyProgram,
  state: RunState,
  stepId: string,
  result: unknown,
): StepOutcome {
  // A result for a step we are not running (a duplicate delivery, or one that arrives while
  // a deferred action sleeps): ignore it.
  if (stepId !== state.currentStepId || state.waiting !== null) return { state, effects: [] };
  const current = program.steps[stepId];
  const type = current && findNodeType(current.type);
  if (!current || !type) return fail(state, `Step "${stepId}" is not in the program.`);
  const deferral = deferredUntil(result);
  if (deferral) {
    // Quiet hours or the email cap: the action is not dropped, it is tried again later.
    const waiting: Waiting = {
      kind: 'sleep',
      stepId,
      until: deferral.until,
      retry: true,
      reason: deferral.reason,
    };
    const deferrals = [...(state.deferrals ?? []), { stepId, ...deferral, at: state.now }];
    return {
      state: { ...state, waiting, deferrals },
      effects: [{ kind: 'sleep', stepId, until: deferral.until }],
    };
  }
  const output = type.outputAfter(current.config, result, {
    triggerEvent: state.context?.triggerEvent ?? null,
  });
  const reason = skipReason(result) ?? type.skipReasonAfter(current.config, result);
  const advanced: RunState = {
    ...state,
    path: [...state.path, { stepId, output }],
    results: { ...state.results, [stepId]: result },
    skips: reason ? [...state.skips, { stepId, reason }] : state.skips,
  };
  return enter(program, advanced, current.next[output] ?? null);
}

function timerFired(program: JourneyProgram, state: RunState, stepId: string): StepOutcome {
  const waiting = state.waiting;
  if (!waiting || waiting.stepId !== stepId) return { state, effects: [] };
  const current = program.steps[stepId];
  if (!current) return fail(state, `Step "${stepId}" is not in the program.`);
  const resumed: RunState = { ...state, waiting: null };
  if (waiting.kind === 'sleep' && waiting.retry) {
    const call = findNodeType(current.type)?.action?.(current.config);
    if (!call) return fail(state, `Step "${stepId}" (${current.type}) has no action to try again.`);
    return { state: resumed, effects: [{ kind: 'activity', stepId, ...call }] };
  }
  const output = waiting.kind === 'event' ? 'timeout' : 'next';
  return enter(
    program,
    { ...resumed, path: [...state.path, { stepId, output }] },
    current.next[output] ?? null,
  );
}

/**
 * An admin's "skip wait": the delay or event wait at `stepId` ends as its timer would end it.
 * Only a flow wait is skipped. A deferred action (quiet hours, the email cap) is not: it would
 * only be deferred again, and sending inside quiet hours is not an admin's shortcut to take.
 * The UI asks this of the queried state to offer the action only where it would act.
 */
export function canSkipWait(state: RunState, stepId: string): boolean {
  const waiting = state.waiting;
  return (
    state.status === 'running' &&
    waiting !== null &&
    waiting.stepId === stepId &&
    !(waiting.kind === 'sleep' && waiting.retry)
  );
}

/** The wait ends as its timer would end it, recorded as skipped by `by` (see `canSkipWait`). */
function skipWait(program: JourneyProgram, state: RunState, stepId: string, by: string): StepOutcome {
  const recorded: RunState = {
    ...state,
    skips: [...state.skips, { stepId, reason: adminSkipReason }],
    skippedWaits: [...(state.skippedWaits ?? []), { stepId, by, at: state.now }],
  };
  return timerFired(program, recorded, stepId);
}

/**
 * An event of the customer: the goal ends the run wherever it is; else it may satisfy the
 * wait the run is in; else it is ignored (waits count only events arriving while waiting).
 */
function eventReceived(program: JourneyProgram, state: RunState, event: JourneyEvent): StepOutcome {
  if (state.seenEventIds.includes(event.id)) return { state, effects: [] };
  const seen: RunState = { ...state, seenEventIds: [...state.seenEventIds, event.id].slice(-seenEventLimit) };
  const goal = program.settings.goal;
  if (goal && goal.eventName === event.name && matchesFilters(goal.filters, event.properties)) {
    return exit(seen, 'goal');
  }
  const waiting = state.waiting;
  if (
    waiting?.kind === 'event' &&
    waiting.eventName === event.name &&
    matchesFilters(waiting.filters, event.properties)
  ) {
    const current = program.steps[waiting.stepId];
    if (!current) return fail(seen, `Step "${waiting.stepId}" is not in the program.`);
    const received: RunState = {
      ...seen,
      waiting: null,
      path: [...seen.path, { stepId: current.id, output: 'received' }],
      results: { ...seen.results, [current.id]: event },
    };
    return enter(program, received, current.next['received'] ?? null);
  }
  return { state: seen, effects: [] };
}

function enter(program: JourneyProgram, initial: RunState, first: string | null): StepOutcome {
  let state = initial;
  let stepId = first;
  for (let hops = 0; hops < maxInstantSteps; hops += 1) {
    if (stepId === null) {
      return {
        state: { ...state, status: 'completed', currentStepId: null, waiting: null },
        effects: [{ kind: 'complete' }],
      };
    }
    const target = program.steps[stepId];
    const type = target && findNodeType(target.type);
    if (!target || !type) return fail(state, `Step "${stepId}" is not in the program.`);
    if (type.action) {
      const call = type.action(target.config);
      return {
        state: { ...state, currentStepId: stepId, waiting: null },
        effects: [{ kind: 'activity', stepId, ...call }],
      };
    }
    if (!type.plan)
      return fail(state, `Step "${stepId}" (${target.type}) has no action the interpreter can run.`);
    let plan: StepPlan;
    try {
      if (state.now === null) throw new Error('the runner gave no clock');
      plan = type.plan(target.config, {
        now: state.now,
        runKey: state.context?.runKey ?? '',
        stepId,
        profile: state.context?.profile ?? null,
        triggerEvent: state.context?.triggerEvent ?? null,
      });
    } catch (error) {
      return fail(
        state,
        `Step "${stepId}" (${target.type}) could not be planned: ${(error as Error).message}`,
      );
    }
    switch (plan.kind) {
      case 'sleep': {
        const waiting: Waiting = { kind: 'sleep', stepId, until: plan.until, retry: false };
        return {
          state: { ...state, currentStepId: stepId, waiting },
          effects: [{ kind: 'sleep', stepId, until: plan.until }],
        };
      }
      case 'wait': {
        const { eventName, filters, timeoutAt } = plan;
        return {
          state: {
            ...state,
            currentStepId: stepId,
            waiting: { kind: 'event', stepId, eventName, filters, timeoutAt },
          },
          effects: [{ kind: 'waitForEvent', stepId, eventName, filters, timeoutAt }],
        };
      }
      case 'exit':
        return exit({ ...state, path: [...state.path, { stepId, output: 'exit' }] }, 'exit_node');
      case 'branch':
      case 'skip':
        state = {
          ...state,
          path: [...state.path, { stepId, output: plan.output }],
          skips: plan.kind === 'skip' ? [...state.skips, { stepId, reason: plan.reason }] : state.skips,
        };
        stepId = target.next[plan.output] ?? null;
        break;
    }
  }
  return fail(state, `More than ${maxInstantSteps} steps without a pause: the program loops.`);
}

/**
 * Whether a date-triggered run starts too late to act: more than the journey's maximum
 * lateness after the instant it was due. Only the start is judged. Later steps come when
 * the journey's own delays, waits and deferrals (quiet hours, the cap) put them, on purpose;
 * judging them too would drop the email the settings said to hold back, and a run that
 * began on time has already told the customer something the rest should finish.
 */
export function isLate(program: JourneyProgram, dueAt: string, now: string | null): boolean {
  const limit = program.settings.maxLatenessMinutes;
  if (limit === null || now === null) return false;
  const due = Date.parse(dueAt);
  return !Number.isNaN(due) && Date.parse(now) - due > limit * 60_000;
}

/** A run that came too late: no step runs, the first one is recorded as skipped `late`. */
function lateStart(program: JourneyProgram, state: RunState): StepOutcome {
  const skips = program.entry
    ? [...state.skips, { stepId: program.entry, reason: lateSkipReason }]
    : state.skips;
  return {
    state: { ...state, status: 'completed', currentStepId: null, waiting: null, skips },
    effects: [{ kind: 'complete' }],
  };
}

function exit(state: RunState, reason: 'goal' | 'exit_node'): StepOutcome {
  return {
    state: { ...state, status: 'completed', currentStepId: null, waiting: null, exitedBy: reason },
    effects: [{ kind: 'exit', reason }],
  };
}

function fail(state: RunState, reason: string): StepOutcome {
  return {
    state: { ...state, status: 'failed', currentStepId: null, waiting: null, error: reason },
    effects: [{ kind: 'fail', reason }],
  };
}

function deferredUntil(result: unknown): { until: string; reason: string } | null {
  if (typeof result !== 'object' || result === null) return null;
  const { status, until, reason } = result as Record<string, unknown>;
  if (status !== 'deferred' || typeof until !== 'string' || Number.isNaN(Date.parse(until))) return null;
  return { until, reason: typeof reason === 'string' ? reason : 'deferred' };
}

/** Activities say an action did not happen with `skipped` or `suppressed` and a reason. */
function skipReason(result: unknown): string | null {
  if (typeof result !== 'object' || result === null) return null;
  const { status, reason } = result as Record<string, unknown>;
  return (status === 'skipped' || status === 'suppressed') && typeof reason === 'string' ? reason : null;
}
