import { TZDate } from '@date-fns/tz';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../client';
import { awardPoints } from '../ledger/award';
import { newMember, type Member } from '../ledger/testing/member';
import { recalculateTier } from './reevaluate-tier';
import { reviewTiers } from './review-tiers';
import {
  backdateEarnings,
  createLadder,
  eventsNamed,
  heldTierId,
  setTierSettings,
  tierChangeRows,
} from './testing/tier-fixtures';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 10 });
});
afterAll(() => handle.close());

// The first of next month in Berlin (the workspaces' zone): a review day of monthly periods,
// after every entry these tests write.
const local = new TZDate(Date.now(), 'Europe/Berlin');
const periodStart = new TZDate(local.getFullYear(), local.getMonth() + 1, 1, 0, 0, 0, 0, 'Europe/Berlin');
const reviewDay = new Date(periodStart.getTime() + 9 * 3600_000);
const periodKey = `${periodStart.getFullYear()}-${String(periodStart.getMonth() + 1).padStart(2, '0')}-01`;

let keys = 0;
async function memberWith(workspaceId: string, points: number): Promise<Member> {
  const member = await newMember(handle.db, workspaceId);
  await awardPoints(handle.db, { ...member, points, idempotencyKey: `r${++keys}`, reason: 'Purchase' });
  await recalculateTier(handle.db, { ...member, cause: 'setup' });
  return member;
}

describe('reviewTiers', () => {
  it('moves members down at the start of a period to the tier their value reaches, once', async () => {
    const { workspaceId } = await newMember(handle.db);
    const { silver, gold } = await createLadder(handle.db, workspaceId);
    await setTierSettings(handle.db, workspaceId, { reviewPeriod: 'month', windowMonths: 12 });
    const keeps = await memberWith(workspaceId, 600);
    const toSilver = await memberWith(workspaceId, 600);
    const toNone = await memberWith(workspaceId, 150);
    const upgradedToday = await memberWith(workspaceId, 600);
    // Their old points fall out of the window; some new ones are inside it.
    for (const member of [toSilver, toNone, upgradedToday])
      await backdateEarnings(handle.db, workspaceId, member.customerId, '2000-01-01T00:00:00Z');
    await awardPoints(handle.db, { ...toSilver, points: 120, idempotencyKey: 'recent', reason: 'Purchase' });
    // Upgraded after the period began: keeps the tier for the new period.
    await handle.db
      .execute(sql`update loyalty_accounts set tier_since = ${new Date(periodStart.getTime() + 3600_000).toISOString()}::timestamptz
      where customer_id = ${upgradedToday.customerId}`);
    const before = (await tierChangeRows(handle.db, workspaceId)).length;

    // Not a review day: nothing looked at.
    expect(
      await reviewTiers(handle.db, workspaceId, new Date(reviewDay.getTime() + 86_400_000)),
    ).toMatchObject({
      isReviewDay: false,
      accounts: 0,
      downgraded: 0,
    });

    const pages: string[] = [];
    const first = await reviewTiers(handle.db, workspaceId, reviewDay, {
      pageSize: 1,
      onPage: (p) => void pages.push(p.afterAccountId),
    });
    expect(first).toEqual({ isReviewDay: true, periodKey, accounts: 3, downgraded: 2 });
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(await heldTierId(handle.db, workspaceId, keeps.customerId)).toBe(gold.id);
    expect(await heldTierId(handle.db, workspaceId, toSilver.customerId)).toBe(silver.id);
    expect(await heldTierId(handle.db, workspaceId, toNone.customerId)).toBeNull();
    expect(await heldTierId(handle.db, workspaceId, upgradedToday.customerId)).toBe(gold.id);

    const changes = (await tierChangeRows(handle.db, workspaceId)).slice(before);
    expect(changes).toHaveLength(2);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          fromTierId: gold.id,
          toTierId: silver.id,
          direction: 'downgrade',
          qualifyingValue: 120,
          cause: `period_review:${periodKey}`,
        }),
        expect.objectContaining({
          fromTierId: silver.id,
          toTierId: null,
          direction: 'downgrade',
          qualifyingValue: 0,
        }),
      ]),
    );
    const downgrades = (await eventsNamed(handle.db, workspaceId, 'tier_changed')).filter(
      (e) => e.properties.direction === 'downgrade',
    );
    expect(downgrades.map((e) => e.messageId).sort()).toEqual(
      changes.map((c) => `tier_changed:${c.id}`).sort(),
    );
    expect(downgrades.every((e) => e.outboxEventId === e.id)).toBe(true);

    // The same day again, hours later (a retried job): the values are measured at the period's
    // start and the moved members' tier_since is in the new period, so nothing changes.
    const again = await reviewTiers(handle.db, workspaceId, new Date(reviewDay.getTime() + 3 * 3600_000));
    expect(again).toEqual({ isReviewDay: true, periodKey, accounts: 1, downgraded: 0 });
    expect(await tierChangeRows(handle.db, workspaceId)).toHaveLength(before + 2);
    expect(await eventsNamed(handle.db, workspaceId, 'tier_changed')).toHaveLength(before + 2);
  });

  it('does not count points earned after the period began', async () => {
    const { workspaceId } = await newMember(handle.db);
    const { gold } = await createLadder(handle.db, workspaceId);
    await setTierSettings(handle.db, workspaceId, { reviewPeriod: 'month' });
    const member = await memberWith(workspaceId, 600);
    await backdateEarnings(
      handle.db,
      workspaceId,
      member.customerId,
      new Date(periodStart.getTime() + 60_000).toISOString(),
    );
    // tier_since stays before the period; its points are stamped after its start.
    const result = await reviewTiers(handle.db, workspaceId, reviewDay);
    expect(result).toMatchObject({ accounts: 1, downgraded: 1 });
    expect(await heldTierId(handle.db, workspaceId, member.customerId)).not.toBe(gold.id);
  });
});
