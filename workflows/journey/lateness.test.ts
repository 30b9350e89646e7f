import { describe, expect, it } from 'vitest';
import { initialRunState, isLate, lateSkipReason, step } from './interpreter';
import { flowProgram } from './testing/flow-program';

// A date-triggered journey: award, then a day's delay, then another award.
const steps = {
  award: {
    type: 'award_points',
    config: { points: 10, expiresInMonths: null, reason: 'Due' },
    next: { next: 'wait' },
  },
  wait: {
    type: 'delay',
    config: { mode: 'duration', duration: { amount: 1, unit: 'days' } },
    next: { next: 'again' },
  },
  again: { type: 'award_points', config: { points: 5, expiresInMonths: null, reason: 'Later' } },
};
const dueAt = '2026-11-23T08:00:00.000Z';
const minutes = (n: number) => new Date(Date.parse(dueAt) + n * 60_000).toISOString();

describe('maximum lateness of date-triggered runs (virtual time)', () => {
  const program = flowProgram(steps, { maxLatenessMinutes: 60 });

  it('runs the steps when the start is within the limit, the limit itself included', () => {
    for (const late of [0, 59, 60]) {
      const started = step(program, initialRunState, { kind: 'start', now: minutes(late), dueAt });
      expect(started.effects).toMatchObject([{ kind: 'activity', stepId: 'award', activity: 'awardPoints' }]);
      expect(started.state.skips).toEqual([]);
    }
  });

  it('skips every step of a run that starts later, recording `late`, with no side effect asked', () => {
    const started = step(program, initialRunState, { kind: 'start', now: minutes(61), dueAt });
    expect(started.effects).toEqual([{ kind: 'complete' }]);
    expect(started.state).toMatchObject({
      status: 'completed',
      currentStepId: null,
      path: [],
      skips: [{ stepId: 'award', reason: lateSkipReason }],
    });
    // Nothing more happens to a finished run.
    expect(
      step(program, started.state, { kind: 'timer_fired', stepId: 'wait', now: minutes(2000) }).effects,
    ).toEqual([]);
  });

  it('judges only the start: a step after the journey’s own delay is not late', () => {
    let outcome = step(program, initialRunState, { kind: 'start', now: minutes(5), dueAt });
    outcome = step(program, outcome.state, {
      kind: 'activity_result',
      stepId: 'award',
      result: { entryId: 'led_1', points: 10, balance: 10, expiresAt: null },
      now: minutes(6),
    });
    expect(outcome.effects).toMatchObject([{ kind: 'sleep', stepId: 'wait' }]);
    outcome = step(program, outcome.state, {
      kind: 'timer_fired',
      stepId: 'wait',
      now: minutes(6 + 24 * 60),
    });
    expect(outcome.effects).toMatchObject([{ kind: 'activity', stepId: 'again' }]);
  });

  it('does not apply without a limit, without a due time, or before it is due', () => {
    const open = flowProgram(steps);
    expect(step(open, initialRunState, { kind: 'start', now: minutes(10_000), dueAt }).effects).toMatchObject(
      [{ kind: 'activity', stepId: 'award' }],
    );
    expect(step(program, initialRunState, { kind: 'start', now: minutes(10_000) }).effects).toMatchObject([
      { kind: 'activity', stepId: 'award' },
    ]);
    expect(isLate(program, dueAt, minutes(-30))).toBe(false);
    expect(isLate(program, dueAt, null)).toBe(false);
    expect(isLate(program, 'not a date', minutes(500))).toBe(false);
  });
});
