import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type Database, type DatabaseHandle } from '../../client';
import { newId } from '../../ids';
import {
  events,
  journeyRunEnds,
  journeyStepPasses,
  journeyStepSkips,
  journeys,
  journeyVersions,
} from '../../schema';
import type { JourneyProgram } from '../../../workflows/journey/program';
import { createTestCustomer, createTestWorkspace } from '../../../scripts/test/fixtures';
import {
  journeySkipFigures,
  journeySplits,
  journeyStepFigures,
  journeyVersionFigures,
} from './journey-report';

// November 2026 in Europe/Berlin (the test workspace's zone), a 7-day conversion window.
const november = { from: '2026-11-01', to: '2026-11-30' };

let handle: DatabaseHandle;
let workspaceId: string;
let journeyId: string;

function program(version: number, steps: JourneyProgram['steps'], goal: string | null): JourneyProgram {
  return {
    journeyId,
    workspaceId,
    version,
    trigger: { nodeId: 'trigger', type: 'manual', config: {} },
    settings: { goal: goal ? { eventName: goal, filters: [] } : null } as JourneyProgram['settings'],
    entry: Object.keys(steps)[0] ?? null,
    steps,
  };
}

/**
 * Version 1: split (branch_1 50 / branch_2 30 / holdout 20) → email, goal "purchase".
 * Version 2: a wait, no goal. Customers A–E; runs r1–r10 as below.
 */
async function seed(db: Database) {
  workspaceId = await createTestWorkspace(db, 'Journey report known answers');
  journeyId = newId('jrn');
  const customer = async () => (await createTestCustomer(db, workspaceId)).id;
  const [a, b, c, d, e] = [
    await customer(),
    await customer(),
    await customer(),
    await customer(),
    await customer(),
  ];
  await db.insert(journeys).values({
    id: journeyId,
    workspaceId,
    name: 'Split test',
    draftGraph: { nodes: [], edges: [] } as never,
  });
  await db.insert(journeyVersions).values([
    {
      id: newId('jv'),
      workspaceId,
      journeyId,
      version: 1,
      graph: { nodes: [], edges: [] } as never,
      program: program(
        1,
        {
          split: {
            id: 'split',
            type: 'random_split',
            config: { shares: [50, 30], holdout: 20 },
            next: { branch_1: 'email', branch_2: 'email', holdout: null },
          },
          email: { id: 'email', type: 'send_email', config: {}, next: { sent: null } },
        },
        'purchase',
      ),
    },
    {
      id: newId('jv'),
      workspaceId,
      journeyId,
      version: 2,
      graph: { nodes: [], edges: [] } as never,
      program: program(2, { wait: { id: 'wait', type: 'wait', config: {}, next: { timeout: null } } }, null),
    },
  ]);
  const passes: (typeof journeyStepPasses.$inferInsert)[] = [];
  const ends: (typeof journeyRunEnds.$inferInsert)[] = [];
  const skips: (typeof journeyStepSkips.$inferInsert)[] = [];
  const run = (
    version: number,
    enteredAt: string,
    path: [string, string][],
    end?: { customerId: string; outcome: 'completed' | 'goal' | 'exit_node' | 'failed' },
    skipped: [string, string][] = [],
  ) => {
    const runId = newId('run');
    skipped.forEach(([stepId, reason], skipIndex) =>
      skips.push({
        workspaceId,
        journeyId,
        journeyVersion: version,
        runId,
        skipIndex,
        stepId,
        reason,
        skippedAt: new Date(enteredAt),
      }),
    );
    path.forEach(([stepId, output], pathIndex) =>
      passes.push({
        workspaceId,
        journeyId,
        journeyVersion: version,
        runId,
        pathIndex,
        stepId,
        output,
        passedAt: new Date(enteredAt),
      }),
    );
    if (end)
      ends.push({
        runId,
        workspaceId,
        journeyId,
        journeyVersion: version,
        ...end,
        enteredAt: new Date(enteredAt),
        endedAt: new Date(enteredAt),
      });
  };
  // r1 A: branch_1, emailed, completed; A buys 3 days later: converted.
  run(
    1,
    '2026-11-02T10:00:00Z',
    [
      ['split', 'branch_1'],
      ['email', 'sent'],
    ],
    { customerId: a, outcome: 'completed' },
  );
  // r2 B: branch_1, emailed twice (a loop), completed; B buys after 17 days and does "browse"
  // on day 1: neither counts. Both emails were skipped: B gave no consent.
  run(
    1,
    '2026-11-03T10:00:00Z',
    [
      ['split', 'branch_1'],
      ['email', 'sent'],
      ['email', 'sent'],
    ],
    { customerId: b, outcome: 'completed' },
    [
      ['email', 'no_marketing_consent'],
      ['email', 'no_marketing_consent'],
    ],
  );
  // r3 C: branch_2, ended by the goal: converted without an event of its own.
  run(1, '2026-11-04T10:00:00Z', [['split', 'branch_2']], { customerId: c, outcome: 'goal' });
  // r4 D: branch_2, emailed, failed; D buys the next day: converted all the same.
  run(
    1,
    '2026-11-05T10:00:00Z',
    [
      ['split', 'branch_2'],
      ['email', 'sent'],
    ],
    { customerId: d, outcome: 'failed' },
    [['email', 'suppressed_bounced']],
  );
  // r5 E: holdout, completed, never buys.
  run(1, '2026-11-06T10:00:00Z', [['split', 'holdout']], { customerId: e, outcome: 'completed' });
  // r6: branch_1, still running (no end row): entered at its first pass, not converted yet.
  run(1, '2026-11-07T10:00:00Z', [['split', 'branch_1']]);
  // r7 A: 20 October, before the range; r8 A: 1 December 00:30 in Berlin (30 Nov 23:30 UTC), after it.
  run(1, '2026-10-20T10:00:00Z', [['split', 'branch_2']], { customerId: a, outcome: 'goal' }, [
    ['email', 'no_marketing_consent'],
  ]);
  run(1, '2026-11-30T23:30:00Z', [['split', 'branch_2']], { customerId: a, outcome: 'goal' });
  // r9 B: version 2, left at an exit step; no goal, so no conversion.
  run(2, '2026-11-10T10:00:00Z', [['wait', 'timeout']], { customerId: b, outcome: 'exit_node' });
  // r10 E: version 2, ended with no step passed (an end row only).
  run(2, '2026-11-11T10:00:00Z', [], { customerId: e, outcome: 'completed' });
  await db.insert(journeyStepPasses).values(passes);
  await db.insert(journeyRunEnds).values(ends);
  await db.insert(journeyStepSkips).values(skips);
  const event = (customerId: string, name: string, occurredAt: string) => ({
    id: newId('evt'),
    workspaceId,
    customerId,
    name,
    messageId: newId('msg'),
    source: 'api',
    occurredAt: new Date(occurredAt),
  });
  await db
    .insert(events)
    .values([
      event(a, 'purchase', '2026-11-05T10:00:00Z'),
      event(b, 'browse', '2026-11-04T10:00:00Z'),
      event(b, 'purchase', '2026-11-20T10:00:00Z'),
      event(d, 'purchase', '2026-11-06T10:00:00Z'),
    ]);
  // Another workspace's run of another journey: never in this one's figures.
  const otherWorkspace = await createTestWorkspace(db, 'Other');
  await db.insert(journeyRunEnds).values({
    runId: newId('run'),
    workspaceId: otherWorkspace,
    journeyId: newId('jrn'),
    journeyVersion: 1,
    customerId: 'cus_other',
    outcome: 'completed',
    enteredAt: new Date('2026-11-02T10:00:00Z'),
    endedAt: new Date('2026-11-02T10:00:00Z'),
  });
}

beforeAll(async () => {
  handle = connectDatabase(inject('databaseUrl'), { max: 3 });
  await seed(handle.db);
});
afterAll(() => handle.close());

describe('journey report on hand-made runs', () => {
  it('per version: entered, ended by outcome, goal conversion within 7 days', async () => {
    const rows = await journeyVersionFigures(handle.db, workspaceId, november);
    expect(rows).toEqual([
      {
        journeyId,
        name: 'Split test',
        version: 2,
        // r9, r10.
        entered: 2,
        ended: 2,
        completed: 1,
        goal: 0,
        exitNode: 1,
        failed: 0,
        goalEvent: null,
        converted: null,
        conversionRate: null,
        windowOpen: 0,
      },
      {
        journeyId,
        name: 'Split test',
        version: 1,
        // r1–r6 (r7, r8 outside the range).
        entered: 6,
        ended: 5,
        // r1, r2, r5; r3; r4.
        completed: 3,
        goal: 1,
        exitNode: 0,
        failed: 1,
        goalEvent: 'purchase',
        // r1 (bought on day 3), r3 (goal), r4 (bought on day 1): 3 ÷ 6.
        converted: 3,
        conversionRate: 50,
        windowOpen: 0,
      },
    ]);
  });

  it('a longer window counts the later purchase; a journey filter keeps to it', async () => {
    const [v1] = await journeyVersionFigures(handle.db, workspaceId, november, {
      journeyId,
      version: 1,
      windowDays: 30,
    });
    // r2's purchase 17 days after entry now counts: 4 ÷ 6.
    expect(v1).toMatchObject({ version: 1, converted: 4, conversionRate: 66.67 });
    // A range that starts on 1 December (Berlin) holds r8 only.
    const december = await journeyVersionFigures(handle.db, workspaceId, {
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(december.map((r) => [r.version, r.entered, r.goal])).toEqual([[1, 1, 1]]);
  });

  it('passes per step and output with each output share', async () => {
    const steps = await journeyStepFigures(handle.db, workspaceId, november, { journeyId, version: 1 });
    expect(steps).toEqual([
      // r1, r2 twice, r4.
      { stepId: 'email', output: 'sent', passes: 4, runs: 3, share: 100 },
      // r1, r2, r6 of 6; r3, r4; r5.
      { stepId: 'split', output: 'branch_1', passes: 3, runs: 3, share: 50 },
      { stepId: 'split', output: 'branch_2', passes: 2, runs: 2, share: 33.33 },
      { stepId: 'split', output: 'holdout', passes: 1, runs: 1, share: 16.67 },
    ]);
    const all = await journeyStepFigures(handle.db, workspaceId, november, { journeyId });
    expect(all.map((s) => s.stepId)).toEqual(['email', 'split', 'split', 'split', 'wait']);
  });

  it('skips per step and reason, as a share of the runs that passed the step', async () => {
    const skips = await journeySkipFigures(handle.db, workspaceId, november, { journeyId, version: 1 });
    // r2 twice, r4 once, of the three runs that passed "email" (r7's skip is before the range).
    expect(skips).toEqual([
      { stepId: 'email', reason: 'no_marketing_consent', skips: 2, runs: 1, share: 33.33 },
      { stepId: 'email', reason: 'suppressed_bounced', skips: 1, runs: 1, share: 33.33 },
    ]);
    expect(await journeySkipFigures(handle.db, workspaceId, november, { journeyId, version: 2 })).toEqual([]);
  });

  it('the split: conversion per branch and holdout with Wilson intervals and comparisons', async () => {
    const [split] = await journeySplits(handle.db, workspaceId, november, { journeyId, version: 1 });
    expect(split?.stepId).toBe('split');
    const rows = split?.comparison.rows ?? [];
    // branch_1: r1 of r1, r2, r6; branch_2: r3, r4 of r3, r4; holdout: none of r5.
    expect(rows.map((r) => [r.output, r.runs, r.converted])).toEqual([
      ['branch_1', 3, 1],
      ['branch_2', 2, 2],
      ['holdout', 1, 0],
    ]);
    // Wilson 1/3: [0.0615, 0.7923]; 2/2: [0.3424, 1].
    expect(rows[0]?.interval?.low).toBeCloseTo(0.0615, 4);
    expect(rows[0]?.interval?.high).toBeCloseTo(0.7923, 4);
    expect(rows[1]?.interval?.low).toBeCloseTo(0.3424, 4);
    // Three runs against two: nothing to tell yet.
    expect(rows[1]?.vsFirst?.verdict).toBe('unclear');
    expect(split?.comparison.treatedVsHoldout?.difference).toBeCloseTo(3 / 5, 10);
    // Version 2 has no split.
    expect(await journeySplits(handle.db, workspaceId, november, { journeyId, version: 2 })).toEqual([]);
  });
});
