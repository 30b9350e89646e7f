import { describe, expect, it } from 'vitest';
import { adminSkipReason, initialRunState, step, type RunContext, type RunState } from './interpreter';
import { flowProgram } from './testing/flow-program';

const context: RunContext = {
  runKey: 'journey:ws:jrn:cus:run',
  profile: { timeZone: 'Europe/Berlin', locale: 'de', attributes: {} },
  triggerEvent: null,
};
const start = '2026-11-27T09:30:00.000Z';
const later = '2026-11-27T10:00:00.000Z';
const award = { type: 'award_points', config: { points: 10, expiresInMonths: null, reason: 'x' } };

const delayProgram = flowProgram({
  nap: {
    type: 'delay',
    config: { mode: 'duration', duration: { amount: 30, unit: 'days' } },
    next: { next: 'after' },
  },
  after: award,
});
const waitProgram = flowProgram({
  wait: {
    type: 'wait_for_event',
    config: { eventName: 'Order Completed', filters: [], timeout: { amount: 7, unit: 'days' } },
    next: { received: 'thanks', timeout: 'nudge' },
  },
  thanks: award,
  nudge: award,
});

const begin = (program: typeof delayProgram) =>
  step(program, initialRunState, { kind: 'start', now: start, context }).state;

describe('skip wait', () => {
  it('ends a delay now by its next output and records who skipped it', () => {
    const sleeping = begin(delayProgram);
    expect(sleeping.waiting).toMatchObject({ kind: 'sleep', stepId: 'nap' });
    const skipped = step(delayProgram, sleeping, {
      kind: 'skip_wait',
      stepId: 'nap',
      by: 'admin',
      now: later,
    });
    expect(skipped.effects).toEqual([
      { kind: 'activity', stepId: 'after', activity: 'awardPoints', args: expect.any(Object) },
    ]);
    expect(skipped.state.waiting).toBeNull();
    expect(skipped.state.path).toEqual([{ stepId: 'nap', output: 'next' }]);
    expect(skipped.state.skips).toEqual([{ stepId: 'nap', reason: adminSkipReason }]);
    expect(skipped.state.skippedWaits).toEqual([{ stepId: 'nap', by: 'admin', at: later }]);
  });

  it('ends a wait for an event by its timeout output', () => {
    const skipped = step(waitProgram, begin(waitProgram), {
      kind: 'skip_wait',
      stepId: 'wait',
      by: 'ops@example.com',
      now: later,
    });
    expect(skipped.state.path).toEqual([{ stepId: 'wait', output: 'timeout' }]);
    expect(skipped.state.currentStepId).toBe('nudge');
    expect(skipped.state.skippedWaits).toEqual([{ stepId: 'wait', by: 'ops@example.com', at: later }]);
  });

  it('does nothing for a stale request: another step, or a run that moved on or ended', () => {
    const sleeping = begin(delayProgram);
    const other = step(delayProgram, sleeping, {
      kind: 'skip_wait',
      stepId: 'after',
      by: 'admin',
      now: later,
    });
    expect(other).toEqual({ state: sleeping, effects: [] });

    const moved = step(delayProgram, sleeping, { kind: 'timer_fired', stepId: 'nap', now: later }).state;
    const stale = step(delayProgram, moved, { kind: 'skip_wait', stepId: 'nap', by: 'admin', now: later });
    expect(stale).toEqual({ state: moved, effects: [] });

    const done: RunState = { ...moved, status: 'completed', currentStepId: null };
    expect(step(delayProgram, done, { kind: 'skip_wait', stepId: 'nap', by: 'admin', now: later })).toEqual({
      state: done,
      effects: [],
    });
  });

  it('leaves a deferred action (quiet hours, the email cap) waiting', () => {
    const running = step(delayProgram, begin(delayProgram), {
      kind: 'skip_wait',
      stepId: 'nap',
      by: 'admin',
      now: later,
    }).state;
    const deferred = step(delayProgram, running, {
      kind: 'activity_result',
      stepId: 'after',
      result: { status: 'deferred', until: '2026-11-28T07:00:00.000Z', reason: 'quiet_hours' },
      now: later,
    }).state;
    expect(deferred.waiting).toMatchObject({ kind: 'sleep', stepId: 'after', retry: true });
    const refused = step(delayProgram, deferred, {
      kind: 'skip_wait',
      stepId: 'after',
      by: 'admin',
      now: later,
    });
    expect(refused).toEqual({ state: deferred, effects: [] });
  });
});
