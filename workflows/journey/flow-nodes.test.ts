import { describe, expect, it } from 'vitest';
import { compileJourney } from './compiler';
import {
  initialRunState,
  pendingEffect,
  seenEventLimit,
  step,
  type RunContext,
  type RunState,
} from './interpreter';
import { findNodeType } from './nodes';
import { chooseSplit } from './nodes/random-split';
import type { ReadFactsResult } from './activities-contract';
import { flowProgram } from './testing/flow-program';

const berlin: RunContext = {
  runKey: 'journey:ws:jrn:cus:run',
  profile: { timeZone: 'Europe/Berlin', locale: 'de', attributes: { renewal: '2026-12-01', plan: 'gold' } },
  triggerEvent: { name: 'Order Completed', properties: { total: 80, country: 'DE' } },
};
// A Friday, 10:30 in Berlin (UTC+1 in November).
const start = '2026-11-27T09:30:00.000Z';
const begin = (program: ReturnType<typeof flowProgram>, context: RunContext = berlin, now = start) =>
  step(program, initialRunState, { kind: 'start', now, context });
const facts = (over: Partial<ReadFactsResult> = {}): ReadFactsResult => ({
  balance: 0,
  tier: null,
  tierThresholds: {},
  attributes: {},
  emails: {},
  ...over,
});
const award = { type: 'award_points', config: { points: 10, expiresInMonths: null, reason: 'x' } };

describe('delay', () => {
  it('sleeps a duration; days are calendar days in the customer zone across a DST change', () => {
    const p = flowProgram({
      wait: { type: 'delay', config: { mode: 'duration', duration: { amount: 2, unit: 'hours' } } },
    });
    expect(begin(p).effects).toEqual([{ kind: 'sleep', stepId: 'wait', until: '2026-11-27T11:30:00.000Z' }]);
    const days = flowProgram({
      wait: { type: 'delay', config: { mode: 'duration', duration: { amount: 3, unit: 'days' } } },
    });
    // 28 March 2026 09:00 Berlin (UTC+1) + 3 days = 31 March 09:00 Berlin (UTC+2).
    expect(begin(days, berlin, '2026-03-28T08:00:00.000Z').effects[0]).toMatchObject({
      until: '2026-03-31T07:00:00.000Z',
    });
  });

  it('sleeps until the next local time on allowed weekdays', () => {
    const nextNine = flowProgram({ wait: { type: 'delay', config: { mode: 'until_time', time: '09:00' } } });
    // Already past 09:00 Friday in Berlin: Saturday 09:00 Berlin = 08:00 UTC.
    expect(begin(nextNine).effects[0]).toMatchObject({ until: '2026-11-28T08:00:00.000Z' });
    const monday = flowProgram({
      wait: { type: 'delay', config: { mode: 'until_time', time: '09:00', weekdays: [1] } },
    });
    expect(begin(monday).effects[0]).toMatchObject({ until: '2026-11-30T08:00:00.000Z' });
    const tokyo = { ...berlin, profile: { ...berlin.profile!, timeZone: 'Asia/Tokyo' } };
    // 18:30 in Tokyo: 20:00 the same day there = 11:00 UTC.
    const evening = flowProgram({ wait: { type: 'delay', config: { mode: 'until_time', time: '20:00' } } });
    expect(begin(evening, tokyo).effects[0]).toMatchObject({ until: '2026-11-27T11:00:00.000Z' });
  });

  it('sleeps until a date attribute plus offset days, and skips with a reason when it is missing', () => {
    const before = flowProgram({
      wait: {
        type: 'delay',
        config: { mode: 'until_date_attribute', attribute: 'renewal', offsetDays: -7, time: '10:00' },
      },
    });
    expect(begin(before).effects[0]).toMatchObject({ until: '2026-11-24T09:00:00.000Z' });
    const missing = flowProgram({
      wait: {
        type: 'delay',
        config: { mode: 'until_date_attribute', attribute: 'anniversary' },
        next: { next: 'award' },
      },
      award,
    });
    const outcome = begin(missing);
    expect(outcome.state.skips).toEqual([{ stepId: 'wait', reason: 'missing_date_attribute' }]);
    expect(outcome.effects[0]).toMatchObject({ kind: 'activity', stepId: 'award' });
  });

  it('goes on by next when the timer fires, and ignores a timer of another step', () => {
    const p = flowProgram({
      wait: {
        type: 'delay',
        config: { mode: 'duration', duration: { amount: 1, unit: 'minutes' } },
        next: { next: 'award' },
      },
      award,
    });
    const slept = begin(p);
    expect(slept.state.waiting).toMatchObject({ kind: 'sleep', stepId: 'wait' });
    expect(step(p, slept.state, { kind: 'timer_fired', stepId: 'other', now: start }).effects).toEqual([]);
    const woke = step(p, slept.state, {
      kind: 'timer_fired',
      stepId: 'wait',
      now: '2026-11-27T09:31:00.000Z',
    });
    expect(woke.state.path).toEqual([{ stepId: 'wait', output: 'next' }]);
    expect(woke.effects[0]).toMatchObject({ kind: 'activity', stepId: 'award' });
    expect(woke.state.waiting).toBeNull();
  });
});

describe('wait for event', () => {
  const p = flowProgram({
    wait: {
      type: 'wait_for_event',
      config: {
        eventName: 'Order Completed',
        filters: [{ property: 'total', operator: 'greater_or_equal', value: 50 }],
        timeout: { amount: 3, unit: 'days' },
      },
      next: { received: 'award', timeout: null },
    },
    award,
  });
  const event = (id: string, total: number, name = 'Order Completed') => ({
    id,
    name,
    properties: { total },
    occurredAt: start,
  });

  it('waits with the timeout in the customer zone; a matching event goes on by received and is kept', () => {
    const waiting = begin(p);
    expect(waiting.effects).toEqual([
      {
        kind: 'waitForEvent',
        stepId: 'wait',
        eventName: 'Order Completed',
        filters: [{ property: 'total', operator: 'greater_or_equal', value: 50 }],
        timeoutAt: '2026-11-30T09:30:00.000Z',
      },
    ]);
    const small = step(p, waiting.state, { kind: 'event', event: event('e1', 20), now: start });
    expect(small.effects).toEqual([]);
    expect(small.state.waiting).not.toBeNull();
    const other = step(p, small.state, { kind: 'event', event: event('e2', 90, 'Page Viewed'), now: start });
    expect(other.effects).toEqual([]);
    const big = step(p, other.state, { kind: 'event', event: event('e3', 90), now: start });
    expect(big.state.path).toEqual([{ stepId: 'wait', output: 'received' }]);
    expect(big.state.results['wait']).toMatchObject({ id: 'e3', properties: { total: 90 } });
    expect(big.effects[0]).toMatchObject({ kind: 'activity', stepId: 'award' });
    expect(big.state.seenEventIds).toEqual(['e1', 'e2', 'e3']);
  });

  it('goes on by timeout when the timer fires first; a later event is ignored', () => {
    const waiting = begin(p);
    const timedOut = step(p, waiting.state, {
      kind: 'timer_fired',
      stepId: 'wait',
      now: '2026-11-30T09:30:00.000Z',
    });
    expect(timedOut.state).toMatchObject({
      status: 'completed',
      path: [{ stepId: 'wait', output: 'timeout' }],
    });
    expect(step(p, timedOut.state, { kind: 'event', event: event('late', 99), now: start }).effects).toEqual(
      [],
    );
  });

  it('handles an event id once, and remembers only the last 500 ids', () => {
    const waiting = begin(p);
    const first = step(p, waiting.state, { kind: 'event', event: event('dup', 20), now: start });
    // The same id again, now with a matching body: a redelivery, ignored.
    const again = step(p, first.state, { kind: 'event', event: event('dup', 90), now: start });
    expect(again.effects).toEqual([]);
    expect(again.state.waiting).not.toBeNull();
    let state: RunState = waiting.state;
    for (let i = 0; i < seenEventLimit + 20; i += 1)
      state = step(p, state, { kind: 'event', event: event(`n${i}`, 1), now: start }).state;
    expect(state.seenEventIds).toHaveLength(seenEventLimit);
    expect(state.seenEventIds[0]).toBe('n20');
  });
});

describe('goal', () => {
  const p = flowProgram(
    {
      wait: {
        type: 'delay',
        config: { mode: 'duration', duration: { amount: 7, unit: 'days' } },
        next: { next: 'award' },
      },
      award,
    },
    {
      goal: {
        eventName: 'Order Completed',
        filters: [{ property: 'total', operator: 'greater_than', value: 0 }],
      },
    },
  );

  it('ends a sleeping run when the goal event comes, recorded as a goal exit', () => {
    const slept = begin(p);
    const notYet = step(p, slept.state, {
      kind: 'event',
      event: { id: 'z', name: 'Order Completed', properties: { total: 0 }, occurredAt: start },
      now: start,
    });
    expect(notYet.effects).toEqual([]);
    const goal = step(p, notYet.state, {
      kind: 'event',
      event: { id: 'g', name: 'Order Completed', properties: { total: 5 }, occurredAt: start },
      now: start,
    });
    expect(goal.effects).toEqual([{ kind: 'exit', reason: 'goal' }]);
    expect(goal.state).toMatchObject({
      status: 'completed',
      exitedBy: 'goal',
      waiting: null,
      currentStepId: null,
    });
  });

  it('ends a run between steps too (an activity outstanding is not started)', () => {
    const q = flowProgram({ award }, { goal: { eventName: 'Unsubscribed', filters: [] } });
    const started = begin(q);
    const goal = step(q, started.state, {
      kind: 'event',
      event: { id: 'g', name: 'Unsubscribed', properties: {}, occurredAt: start },
      now: start,
    });
    expect(goal.effects).toEqual([{ kind: 'exit', reason: 'goal' }]);
  });
});

describe('condition', () => {
  const p = flowProgram({
    check: {
      type: 'condition',
      config: {
        branches: [
          {
            rules: [
              { subject: 'tier', operator: 'at_least', tierId: 'gold' },
              { subject: 'event', property: 'country', operator: 'equals', value: 'de' },
            ],
          },
          { rules: [{ subject: 'balance', operator: 'greater_or_equal', value: 100 }] },
          { rules: [{ subject: 'attribute', property: 'plan', operator: 'equals', value: 'gold' }] },
          { rules: [{ subject: 'email', operator: 'clicked', stepId: 'mail' }] },
        ],
      },
      next: { branch_1: null, branch_2: null, branch_3: null, branch_4: null, otherwise: null },
    },
  });
  const outputFor = (result: ReadFactsResult) => {
    const started = begin(p);
    return step(p, started.state, { kind: 'activity_result', stepId: 'check', result, now: start }).state
      .path[0]?.output;
  };

  it('asks for the facts it needs in one activity', () => {
    expect(begin(p).effects).toEqual([
      {
        kind: 'activity',
        stepId: 'check',
        activity: 'readFacts',
        args: { tierIds: ['gold'], emailStepIds: ['mail'] },
      },
    ]);
  });

  it('takes the first branch whose rules all hold, else otherwise', () => {
    const gold = { id: 'gold', name: 'Gold', threshold: 1000 };
    const platinum = { id: 'plat', name: 'Platinum', threshold: 5000 };
    expect(outputFor(facts({ tier: platinum, tierThresholds: { gold: 1000 }, balance: 500 }))).toBe(
      'branch_1',
    );
    expect(outputFor(facts({ tier: gold, tierThresholds: {}, balance: 500 }))).toBe('branch_2');
    expect(outputFor(facts({ attributes: { plan: 'Gold' } }))).toBe('branch_3');
    expect(outputFor(facts({ emails: { mail: { sent: true, opened: true, clicked: true } } }))).toBe(
      'branch_4',
    );
    expect(outputFor(facts())).toBe('otherwise');
  });

  it('evaluates segment rules as false and records why', () => {
    const q = flowProgram({
      check: {
        type: 'condition',
        config: { branches: [{ rules: [{ subject: 'segment', operator: 'in', segmentId: 'vip' }] }] },
      },
    });
    const started = begin(q);
    const done = step(q, started.state, {
      kind: 'activity_result',
      stepId: 'check',
      result: facts(),
      now: start,
    });
    expect(done.state.path).toEqual([{ stepId: 'check', output: 'otherwise' }]);
    expect(done.state.skips).toEqual([{ stepId: 'check', reason: 'segment_membership_unavailable' }]);
  });

  it('names the field of a bad rule', () => {
    const parsed = findNodeType('condition')!.parseConfig({
      branches: [{ rules: [{ subject: 'attribute', property: 'plan', operator: 'equals' }] }],
    });
    expect(parsed).toMatchObject({ ok: false, issues: [{ field: 'branches.0.rules.0.value' }] });
  });
});

describe('random split', () => {
  const config = { shares: [30, 50], holdout: 20 };

  it('is deterministic per (run, step) and spreads runs by the shares', () => {
    expect(chooseSplit(config, 'run-1', 'split')).toBe(chooseSplit(config, 'run-1', 'split'));
    const counts: Record<string, number> = {};
    for (let i = 0; i < 10_000; i += 1) {
      const output = chooseSplit(config, `journey:ws:jrn:cus_${i}:run`, 'split');
      counts[output] = (counts[output] ?? 0) + 1;
    }
    expect(counts['branch_1']! / 10_000).toBeCloseTo(0.3, 1);
    expect(counts['branch_2']! / 10_000).toBeCloseTo(0.5, 1);
    expect(counts['holdout']! / 10_000).toBeCloseTo(0.2, 1);
  });

  it('branches without an effect and refuses shares that do not add up to 100', () => {
    const p = flowProgram({ split: { type: 'random_split', config, next: { branch_1: 'award' } }, award });
    const outcome = begin(p);
    const output = chooseSplit(config, berlin.runKey, 'split');
    expect(outcome.state.path).toEqual([{ stepId: 'split', output }]);
    expect(findNodeType('random_split')!.outputs(config)).toEqual(['branch_1', 'branch_2', 'holdout']);
    // The canvas shows each output's share on its handle.
    expect(findNodeType('random_split')!.outputShares(config)).toEqual({
      branch_1: config.shares[0],
      branch_2: config.shares[1],
      holdout: config.holdout,
    });
    expect(findNodeType('award_points')!.outputShares({ points: 5 })).toEqual({});
    expect(findNodeType('random_split')!.parseConfig({ shares: [50, 40], holdout: 0 })).toMatchObject({
      ok: false,
      issues: [{ field: 'shares' }],
    });
  });
});

describe('exit, skips and deferrals', () => {
  it('an exit step ends the run, recorded', () => {
    const p = flowProgram({ out: { type: 'exit' } });
    const outcome = begin(p);
    expect(outcome.effects).toEqual([{ kind: 'exit', reason: 'exit_node' }]);
    expect(outcome.state).toMatchObject({
      status: 'completed',
      exitedBy: 'exit_node',
      path: [{ stepId: 'out', output: 'exit' }],
    });
  });

  it('records the reason of a skipped or suppressed action', () => {
    const p = flowProgram({ mail: { type: 'send_email', config: { templateId: 'tpl' } } });
    const started = begin(p);
    const done = step(p, started.state, {
      kind: 'activity_result',
      stepId: 'mail',
      result: { status: 'suppressed', messageLogId: 'm', reason: 'no_consent' },
    });
    expect(done.state.skips).toEqual([{ stepId: 'mail', reason: 'no_consent' }]);
  });

  it('sleeps on a deferred send and calls the same step again at the given time', () => {
    const p = flowProgram({ mail: { type: 'send_email', config: { templateId: 'tpl' } } });
    const started = begin(p);
    const deferred = step(p, started.state, {
      kind: 'activity_result',
      stepId: 'mail',
      result: { status: 'deferred', reason: 'quiet_hours', until: '2026-11-28T07:00:00.000Z' },
    });
    expect(deferred.effects).toEqual([{ kind: 'sleep', stepId: 'mail', until: '2026-11-28T07:00:00.000Z' }]);
    expect(deferred.state.waiting).toMatchObject({ retry: true, reason: 'quiet_hours' });
    expect(pendingEffect(p, deferred.state)).toEqual(deferred.effects[0]);
    const again = step(p, deferred.state, {
      kind: 'timer_fired',
      stepId: 'mail',
      now: '2026-11-28T07:00:00.000Z',
    });
    expect(again.effects).toEqual([
      { kind: 'activity', stepId: 'mail', activity: 'sendEmail', args: { templateId: 'tpl' } },
    ]);
    expect(pendingEffect(p, again.state)).toEqual(again.effects[0]);
  });

  it('fails with a reason when a flow step is planned without a clock', () => {
    const p = flowProgram({ wait: { type: 'delay', config: { mode: 'duration' } } });
    const outcome = step(p, initialRunState, { kind: 'start' });
    expect(outcome.state.status).toBe('failed');
    expect(outcome.state.error).toMatch(/no clock/);
  });
});

describe('the compiler and the new nodes', () => {
  it('compiles a journey with a wait loop, a condition, a split and an exit', () => {
    const at = { x: 0, y: 0 };
    const result = compileJourney(
      {
        nodes: [
          { id: 'trigger', type: 'trigger_birthday', position: at, data: { hour: 9 } },
          {
            id: 'wait',
            type: 'wait_for_event',
            position: at,
            data: { eventName: 'Order Completed', filters: [], timeout: { amount: 2, unit: 'days' } },
          },
          {
            id: 'check',
            type: 'condition',
            position: at,
            data: { branches: [{ rules: [{ subject: 'tier', operator: 'is', tierId: 'gold' }] }] },
          },
          { id: 'split', type: 'random_split', position: at, data: { shares: [100], holdout: 0 } },
          { id: 'out', type: 'exit', position: at, data: {} },
        ],
        edges: [
          { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'wait' },
          { id: 'e2', source: 'wait', sourceHandle: 'received', target: 'check' },
          { id: 'e3', source: 'wait', sourceHandle: 'timeout', target: 'wait' },
          { id: 'e4', source: 'check', sourceHandle: 'branch_1', target: 'split' },
          { id: 'e5', source: 'split', sourceHandle: 'branch_1', target: 'out' },
        ],
      },
      {
        journeyId: 'j',
        workspaceId: 'w',
        version: 1,
        templateIds: new Set(),
        rewardIds: new Set(),
        tierIds: new Set(['gold']),
      },
    );
    expect(result.ok).toBe(true);
  });
});
