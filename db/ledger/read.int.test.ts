import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../client';
import { adjustPoints } from './adjust';
import { getCustomerLots } from './read';
import { newMember } from './testing/member';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 5 });
});
afterAll(() => handle.close());

describe('getCustomerLots', () => {
  it('lists the customer’s own lots with what is left and their status', async () => {
    const { db } = handle;
    const member = await newMember(db);
    const credit = (points: number, key: string, months?: number) =>
      adjustPoints(db, {
        ...member,
        points,
        reason: 'test',
        idempotencyKey: key,
        expiry: months ? { kind: 'months', months } : { kind: 'never' },
      });
    const expiring = await credit(100, 'a', 1);
    const forever = await credit(30, 'b');
    // First-expiring-first: this empties the expiring lot and leaves the other one alone.
    await adjustPoints(db, { ...member, points: -100, reason: 'test', idempotencyKey: 'c' });
    const due = await credit(20, 'd', 1);
    // Another customer's lot in the same workspace must not show.
    const other = await newMember(db, member.workspaceId);
    await adjustPoints(db, { ...other, points: 5, reason: 'test', idempotencyKey: 'e' });

    const now = await getCustomerLots(db, member.workspaceId, member.customerId);
    const byId = new Map(now.map((lot) => [lot.id, lot]));
    expect(now).toHaveLength(3);
    expect(byId.get(expiring.lotId!)).toMatchObject({
      pointsEarned: 100,
      pointsRemaining: 0,
      status: 'used_up',
    });
    expect(byId.get(forever.lotId!)).toMatchObject({ pointsRemaining: 30, expiresAt: null, status: 'open' });
    expect(byId.get(due.lotId!)).toMatchObject({ pointsRemaining: 20, status: 'open' });

    // Past its expiry, a lot with points left reads as expired even before the expiry job ran.
    const later = new Date(Date.now() + 62 * 24 * 3600 * 1000);
    const afterExpiry = await getCustomerLots(db, member.workspaceId, member.customerId, { now: later });
    expect(new Map(afterExpiry.map((lot) => [lot.id, lot.status]))).toEqual(
      new Map([
        [expiring.lotId, 'used_up'],
        [forever.lotId, 'open'],
        [due.lotId, 'expired'],
      ]),
    );

    // Another workspace sees nothing of this customer.
    const stranger = await newMember(db);
    expect(await getCustomerLots(db, stranger.workspaceId, member.customerId)).toEqual([]);
  });
});
