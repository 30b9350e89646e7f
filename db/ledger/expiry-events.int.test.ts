import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../client';
import { eventsNamed } from '../tiers/testing/tier-fixtures';
import { ledgerEntries, loyaltyPrograms } from '../schema';
import { awardPoints } from './award';
import { expireDueLots } from './expire';
import { emitPointsExpiringNotices } from './points-expiring-notices';
import { newMember, type Member } from './testing/member';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 10 });
});
afterAll(() => handle.close());

let keys = 0;
async function lotExpiringAt(member: Member, points: number, expiresAt: string): Promise<string> {
  const award = await awardPoints(handle.db, {
    ...member,
    points,
    expiresInMonths: 1,
    idempotencyKey: `x${++keys}`,
    reason: 'Purchase',
  });
  await handle.db.execute(
    sql`update point_lots set expires_at = ${expiresAt}::timestamptz where id = ${award.lotId}`,
  );
  return award.lotId;
}

async function noticesAll(workspaceId: string, asOf: Date, maxAccounts = 1_000) {
  let afterAccountId: string | null = null;
  let events = 0;
  do {
    const batch = await emitPointsExpiringNotices(handle.db, {
      workspaceId,
      asOf,
      afterAccountId,
      maxAccounts,
    });
    events += batch.events;
    afterAccountId = batch.nextAfterAccountId;
  } while (afterAccountId);
  return events;
}

describe('points_expired', () => {
  it('is emitted once per account with the expiry, in its transaction', async () => {
    const member = await newMember(handle.db);
    await lotExpiringAt(member, 30, '2030-01-10T12:00:00Z');
    await lotExpiringAt(member, 12, '2030-01-11T12:00:00Z');
    await awardPoints(handle.db, {
      ...member,
      points: 5,
      expiresInMonths: null,
      idempotencyKey: 'keep',
      reason: 'r',
    });

    // A failing hook rolls the batch back: no expiry, no event.
    await expect(
      expireDueLots(
        handle.db,
        { workspaceId: member.workspaceId, asOf: new Date('2030-02-01T00:00:00Z') },
        { onExpired: () => Promise.reject(new Error('boom')) },
      ),
    ).rejects.toThrow('boom');
    expect(await eventsNamed(handle.db, member.workspaceId, 'points_expired')).toEqual([]);

    const batch = await expireDueLots(handle.db, {
      workspaceId: member.workspaceId,
      asOf: new Date('2030-02-01T00:00:00Z'),
    });
    const again = await expireDueLots(handle.db, {
      workspaceId: member.workspaceId,
      asOf: new Date('2030-02-02T00:00:00Z'),
    });
    expect(again.accounts).toEqual([]);
    const expiryEntries = await handle.db
      .select({ id: ledgerEntries.id })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.workspaceId, member.workspaceId), eq(ledgerEntries.kind, 'expire')));
    const firstEntryId = expiryEntries.map((e) => e.id).sort()[0];
    expect(batch.accounts[0]!.firstEntryId).toBe(firstEntryId);
    const emitted = await eventsNamed(handle.db, member.workspaceId, 'points_expired');
    expect(emitted).toEqual([
      expect.objectContaining({
        customerId: member.customerId,
        messageId: `points_expired:${firstEntryId}`,
        properties: expect.objectContaining({ points: 42, lots: 2, balanceAfter: 5 }),
      }),
    ]);
    expect(emitted[0]!.outboxEventId).toBe(emitted[0]!.id);
  });
});

describe('points_expiring', () => {
  it('announces each account and local expiry date once, with the points expiring then', async () => {
    const member = await newMember(handle.db);
    const other = await newMember(handle.db, member.workspaceId);
    // Berlin (UTC+1 in March): 23:30 UTC on 14 March is already 15 March.
    await lotExpiringAt(member, 10, '2031-03-14T23:30:00Z');
    await lotExpiringAt(member, 15, '2031-03-15T09:00:00Z');
    await lotExpiringAt(member, 7, '2031-03-20T09:00:00Z');
    await lotExpiringAt(other, 4, '2031-03-15T09:00:00Z');
    await lotExpiringAt(other, 99, '2031-04-30T09:00:00Z'); // beyond the notice window

    const asOf = new Date('2031-03-06T02:00:00Z'); // the 14 days reach through 20 March, local
    expect(await noticesAll(member.workspaceId, asOf, 1)).toBe(3);
    // A re-run, and the next day's run, store nothing twice.
    expect(await noticesAll(member.workspaceId, asOf)).toBe(0);
    expect(await noticesAll(member.workspaceId, new Date('2031-03-07T02:00:00Z'))).toBe(0);

    const emitted = await eventsNamed(handle.db, member.workspaceId, 'points_expiring');
    expect(emitted).toHaveLength(3);
    const mine = emitted.filter((e) => e.customerId === member.customerId);
    expect(
      mine.map((e) => e.properties).sort((a, b) => String(a.expiresOn).localeCompare(String(b.expiresOn))),
    ).toEqual([
      expect.objectContaining({ points: 25, expiresOn: '2031-03-15', balance: 32, noticeDays: 14 }),
      expect.objectContaining({ points: 7, expiresOn: '2031-03-20' }),
    ]);
    expect(mine.every((e) => /^points_expiring:acc_[a-z0-9]+:2031-03-(15|20)$/.test(e.messageId))).toBe(true);
    expect(emitted.filter((e) => e.customerId === other.customerId).map((e) => e.properties.points)).toEqual([
      4,
    ]);
    expect(emitted.every((e) => e.outboxEventId === e.id)).toBe(true);
  });

  it('follows the program: fewer days ahead, or none at all', async () => {
    const member = await newMember(handle.db);
    await lotExpiringAt(member, 10, '2031-06-11T09:00:00Z');
    const asOf = new Date('2031-06-01T09:00:00Z');
    await handle.db
      .insert(loyaltyPrograms)
      .values({ workspaceId: member.workspaceId, expiringNoticeDays: null });
    expect(await noticesAll(member.workspaceId, asOf)).toBe(0);
    await handle.db
      .update(loyaltyPrograms)
      .set({ expiringNoticeDays: 5 })
      .where(eq(loyaltyPrograms.workspaceId, member.workspaceId));
    expect(await noticesAll(member.workspaceId, asOf)).toBe(0);
    expect(await noticesAll(member.workspaceId, new Date('2031-06-06T09:00:00Z'))).toBe(1);
  });
});
