import { TZDate } from '@date-fns/tz';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../db/ids';
import { journeys, ledgerEntries, loyaltyAccounts } from '../db/schema';
import { createTestCustomer, createTestWorkspace } from '../scripts/test/fixtures';
import { startJourneyTestStack, type JourneyTestStack } from '../scripts/test/journey-worker';
import { publishJourney } from '../server/journeys/publish-journey';
import { ensureDateTriggerSchedule, runDateTriggerNow } from '../server/temporal/trigger-schedules';
import type { AnniversaryScanInput, AnniversaryScanResult } from './journey/activities-contract';
import { emptyGraph, type JourneyGraph } from './journey/graph';
import type { RunState } from './journey/interpreter';
import {
  anniversaryScanWorkflowType,
  birthdayScanWorkflowType,
  journeyRunWorkflowId,
  triggerScheduleId,
} from './journey/run-id';
import { publishTestJourney } from './testing/publish-program';

// Date-anniversary triggers against real services: the generic scan (index-narrowed query,
// exact per-zone check), real runs on the Temporal dev server, the ledger in Postgres.
let stack: JourneyTestStack;
beforeAll(async () => {
  stack = await startJourneyTestStack();
});
afterAll(() => stack?.stop());

/** The local calendar date `days` from today in `timeZone`, as numbers. */
function localDay(timeZone: string, days = 0) {
  const local = new TZDate(Date.now(), timeZone);
  const shifted = new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate() + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function isoDate(date: { year: number; month: number; day: number }): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** A past year to put a test date in; 29 February needs a leap year. */
function yearFor(date: { month: number; day: number }, year: number): number {
  return date.month === 2 && date.day === 29 ? 2020 : year;
}

function anniversaryGraph(trigger: Record<string, unknown>, points: number): JourneyGraph {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger_date_anniversary', position: { x: 0, y: 0 }, data: trigger },
      {
        id: 'award',
        type: 'award_points',
        position: { x: 0, y: 120 },
        data: { points, expiresInMonths: null, reason: 'Anniversary' },
      },
    ],
    edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'award' }],
  };
}

async function awardedCustomers(workspaceId: string): Promise<string[]> {
  const accounts = await stack.database.db
    .select({ customerId: loyaltyAccounts.customerId })
    .from(ledgerEntries)
    .innerJoin(loyaltyAccounts, eq(loyaltyAccounts.id, ledgerEntries.accountId))
    .where(eq(ledgerEntries.workspaceId, workspaceId));
  return accounts.map((a) => a.customerId).sort();
}

async function runResult(workspaceId: string, journeyId: string, customerId: string, entryKey: string) {
  return (await stack.client.workflow
    .getHandle(journeyRunWorkflowId({ workspaceId, journeyId, customerId, entryKey }))
    .result()) as RunState;
}

describe('date anniversary trigger, end to end', () => {
  it('enters customers on the local date they signed up, from the first anniversary on', async () => {
    const { db } = stack.database;
    const workspaceId = await createTestWorkspace(db, 'Sign-up anniversary IT');
    // Two years ago today, at noon in Tokyo.
    const tokyo = localDay('Asia/Tokyo');
    const tokyoYear = yearFor(tokyo, tokyo.year - 2);
    const veteran = await createTestCustomer(db, workspaceId, {
      timeZone: 'Asia/Tokyo',
      createdAt: new TZDate(tokyoYear, tokyo.month - 1, tokyo.day, 12, 0, 0, 'Asia/Tokyo'),
    });
    // At 23:30 on today's date three years ago in Los Angeles: the next day in UTC, so only the
    // widened candidate days find it, and the local date says it is due.
    const la = localDay('America/Los_Angeles');
    const laYear = yearFor(la, la.year - 3);
    const lateSigner = await createTestCustomer(db, workspaceId, {
      timeZone: 'America/Los_Angeles',
      createdAt: new TZDate(laYear, la.month - 1, la.day, 23, 30, 0, 'America/Los_Angeles'),
    });
    // Signed up just now: no anniversary yet. Signed up a year ago yesterday: not today.
    const newcomer = await createTestCustomer(db, workspaceId, { timeZone: 'Europe/Berlin' });
    const berlinYesterday = localDay('Europe/Berlin', -1);
    await createTestCustomer(db, workspaceId, {
      timeZone: 'Europe/Berlin',
      createdAt: new TZDate(
        yearFor(berlinYesterday, berlinYesterday.year - 1),
        berlinYesterday.month - 1,
        berlinYesterday.day,
        12,
        0,
        0,
        'Europe/Berlin',
      ),
    });
    const { journeyId } = await publishTestJourney(
      db,
      workspaceId,
      anniversaryGraph({ dateField: 'signup', offsetDays: 0, hour: 9 }, 30),
    );

    const result = await runDateTriggerNow(stack.client, stack.taskQueue, { workspaceId, journeyId });

    expect(result).toMatchObject({ journeyVersion: 1, matched: 2, started: 2, alreadyStarted: 0 });
    // One run per anniversary: the entry key is the local year of the anniversary.
    expect(await runResult(workspaceId, journeyId, veteran.id, String(tokyo.year))).toMatchObject({
      status: 'completed',
    });
    expect(await runResult(workspaceId, journeyId, lateSigner.id, String(la.year))).toMatchObject({
      status: 'completed',
    });
    expect(await awardedCustomers(workspaceId)).toEqual([veteran.id, lateSigner.id].sort());
    expect(await awardedCustomers(workspaceId)).not.toContain(newcomer.id);
    const again = await runDateTriggerNow(stack.client, stack.taskQueue, { workspaceId, journeyId });
    expect(again).toMatchObject({ matched: 2, started: 0, alreadyStarted: 2 });
  });

  it('reads a date attribute at a dotted path, a week after it, as a date or an instant', async () => {
    const { db } = stack.database;
    const workspaceId = await createTestWorkspace(db, 'Attribute anniversary IT');
    const zone = 'Europe/Berlin';
    const weekAgo = localDay(zone, -7);
    const dated = await createTestCustomer(db, workspaceId, {
      timeZone: zone,
      attributes: { contract: { start: isoDate({ ...weekAgo, year: yearFor(weekAgo, 2021) }) } },
    });
    // An instant: 23:30 UTC the day before is already the day itself in Berlin.
    const instantDay = new Date(
      Date.UTC(yearFor(weekAgo, 2022), weekAgo.month - 1, weekAgo.day) - 30 * 60_000,
    );
    const instant = await createTestCustomer(db, workspaceId, {
      timeZone: zone,
      attributes: { contract: { start: instantDay.toISOString() } },
    });
    const sixDays = localDay(zone, -6);
    await createTestCustomer(db, workspaceId, {
      timeZone: zone,
      attributes: { contract: { start: isoDate({ ...sixDays, year: yearFor(sixDays, 2021) }) } },
    });
    await createTestCustomer(db, workspaceId, {
      timeZone: zone,
      attributes: { contract: { start: 'soon' } },
    });
    await createTestCustomer(db, workspaceId, { timeZone: zone, attributes: { contract: 'none' } });
    await createTestCustomer(db, workspaceId, { timeZone: zone });
    const { journeyId } = await publishTestJourney(
      db,
      workspaceId,
      anniversaryGraph({ dateField: 'attribute', attribute: 'contract.start', offsetDays: 7, hour: 9 }, 40),
    );

    const result = await runDateTriggerNow(stack.client, stack.taskQueue, { workspaceId, journeyId });

    expect(result).toMatchObject({ matched: 2, started: 2 });
    // The anniversary was a week ago: its year keys the run (January's run in a December's year).
    expect(await runResult(workspaceId, journeyId, dated.id, String(weekAgo.year))).toMatchObject({
      status: 'completed',
      path: [{ stepId: 'award', output: 'next' }],
    });
    await runResult(workspaceId, journeyId, instant.id, String(weekAgo.year));
    expect(await awardedCustomers(workspaceId)).toEqual([dated.id, instant.id].sort());
  });

  it('enters a customer three days before their birthday, keyed by the birthday’s year', async () => {
    const { db } = stack.database;
    const workspaceId = await createTestWorkspace(db, 'Before the birthday IT');
    const zone = 'Pacific/Auckland';
    const inThreeDays = localDay(zone, 3);
    const soon = await createTestCustomer(db, workspaceId, {
      timeZone: zone,
      birthday: isoDate({ ...inThreeDays, year: yearFor(inThreeDays, 1988) }),
    });
    const today = localDay(zone);
    await createTestCustomer(db, workspaceId, {
      timeZone: zone,
      birthday: isoDate({ ...today, year: yearFor(today, 1990) }),
    });
    const { journeyId } = await publishTestJourney(
      db,
      workspaceId,
      anniversaryGraph({ dateField: 'birthday', offsetDays: -3, hour: 8 }, 50),
    );

    const result = await runDateTriggerNow(stack.client, stack.taskQueue, { workspaceId, journeyId });

    expect(result).toMatchObject({ matched: 1, started: 1 });
    expect(await runResult(workspaceId, journeyId, soon.id, String(inThreeDays.year))).toMatchObject({
      status: 'completed',
    });
    expect(await awardedCustomers(workspaceId)).toEqual([soon.id]);
  });
});

describe('the trigger schedule of a date-triggered journey', () => {
  it('is created on publish, starts the generic scan, and moves an older birthday schedule to it', async () => {
    const { db } = stack.database;
    const workspaceId = await createTestWorkspace(db, 'Anniversary schedule IT');
    const journeyId = newId('jrn');
    await db.insert(journeys).values({ id: journeyId, workspaceId, name: 'Signup', draftGraph: emptyGraph });
    const deps = { db, temporal: async () => stack.temporal };
    const graph = anniversaryGraph({ dateField: 'signup', offsetDays: 30, hour: 10 }, 5);
    expect(await publishJourney(deps, { workspaceId, journeyId, graph })).toMatchObject({
      ok: true,
      triggerWarning: null,
    });
    const handle = stack.client.schedule.getHandle(triggerScheduleId(journeyId));
    try {
      const described = await handle.describe();
      expect(described.action).toMatchObject({
        type: 'startWorkflow',
        workflowType: anniversaryScanWorkflowType,
        args: [{ workspaceId, journeyId, ignoreLocalHour: false }],
      });
      expect(described.state.paused).toBe(false);

      // A schedule as birthday journeys had it before: reconciling points it at the new scan.
      await handle.update((previous) => ({
        ...previous,
        action: { ...previous.action, workflowType: birthdayScanWorkflowType } as typeof previous.action,
      }));
      await ensureDateTriggerSchedule(stack.client, stack.taskQueue, { workspaceId, journeyId });
      expect((await handle.describe()).action).toMatchObject({ workflowType: anniversaryScanWorkflowType });
    } finally {
      await handle.delete();
    }
  });
});

describe('maximum lateness of a date-triggered run', () => {
  it('skips the steps of a run the scheduled scan starts later than allowed, and runs one in time', async () => {
    const { db } = stack.database;
    const workspaceId = await createTestWorkspace(db, 'Lateness IT');
    // A zone where it is at least 02:00 now, so a trigger hour two hours back is still today.
    const zone = ['UTC', 'Asia/Tokyo', 'America/New_York'].find(
      (z) => new TZDate(Date.now(), z).getHours() >= 2,
    )!;
    const hourNow = new TZDate(Date.now(), zone).getHours();
    const today = localDay(zone);
    const customer = await createTestCustomer(db, workspaceId, {
      timeZone: zone,
      birthday: isoDate({ ...today, year: yearFor(today, 1985) }),
    });
    const publish = (hour: number, points: number) => {
      const graph = anniversaryGraph({ dateField: 'birthday', offsetDays: 0, hour }, points);
      return publishTestJourney(db, workspaceId, graph, { settings: { maxLatenessMinutes: 90 } });
    };
    // Due at least two hours ago (late), and due this hour (in time).
    const late = await publish(hourNow - 2, 11);
    const onTime = await publish(hourNow, 22);
    expect(late.program.settings.maxLatenessMinutes).toBe(90);

    const scan = (journeyId: string) =>
      stack.client.workflow.execute<(input: AnniversaryScanInput) => Promise<AnniversaryScanResult>>(
        anniversaryScanWorkflowType,
        {
          taskQueue: stack.taskQueue,
          workflowId: `anniversary-scan-it:${journeyId}`,
          args: [{ workspaceId, journeyId, ignoreLocalHour: false }],
        },
      );
    expect(await scan(late.journeyId)).toMatchObject({ matched: 1, started: 1 });
    expect(await scan(onTime.journeyId)).toMatchObject({ matched: 1, started: 1 });

    const lateRun = await runResult(workspaceId, late.journeyId, customer.id, String(today.year));
    expect(lateRun).toMatchObject({
      status: 'completed',
      path: [],
      skips: [{ stepId: 'award', reason: 'late' }],
    });
    const onTimeRun = await runResult(workspaceId, onTime.journeyId, customer.id, String(today.year));
    expect(onTimeRun).toMatchObject({ status: 'completed', skips: [], path: [{ stepId: 'award' }] });
    const points = await db
      .select({ points: ledgerEntries.points })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.workspaceId, workspaceId));
    expect(points.map((p) => p.points)).toEqual([22]);
  });
});
