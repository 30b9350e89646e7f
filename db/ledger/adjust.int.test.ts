import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../client';
import { ledgerEntries } from '../schema';
import { adjustPoints } from './adjust';
import { awardPoints } from './award';
import { IdempotencyConflictError, InsufficientPointsError } from './errors';
import { setProgramExpiry } from './program';
import { ledgerTotals, ledgerViolations } from './testing/ledger-invariants';
import { newMember } from './testing/member';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 10 });
});
afterAll(() => handle.close());

describe('adjustPoints', () => {
  it('credits a positive adjustment as a lot, by its own rule or the program default', async () => {
    const { db } = handle;
    const member = await newMember(db);
    const goodwill = await adjustPoints(db, {
      ...member,
      points: 25,
      reason: 'Goodwill after a late delivery',
      idempotencyKey: 'adj-1',
      source: { actor: 'admin@shop.test' },
    });
    expect(goodwill).toMatchObject({
      points: 25,
      balance: 25,
      expiresAt: null,
      consumed: [],
      replayed: false,
    });
    expect(goodwill.lotId).toMatch(/^lot_/);
    await setProgramExpiry(db, {
      workspaceId: member.workspaceId,
      pointsExpiry: { kind: 'months', months: 6 },
    });
    const byProgram = await adjustPoints(db, {
      ...member,
      points: 5,
      reason: 'Correction',
      idempotencyKey: 'adj-2',
    });
    expect(byProgram.expiresAt).not.toBeNull();
    const own = await adjustPoints(db, {
      ...member,
      points: 5,
      reason: 'Correction',
      expiry: { kind: 'never' },
      idempotencyKey: 'adj-3',
    });
    expect(own.expiresAt).toBeNull();
    const [entry] = await db.select().from(ledgerEntries).where(eq(ledgerEntries.id, goodwill.entryId));
    expect(entry).toMatchObject({ kind: 'adjust', points: 25, reason: 'Goodwill after a late delivery' });
    expect(entry!.source).toEqual({ actor: 'admin@shop.test' });
  });

  it('takes a negative adjustment from lots like a spend, and refuses to go below zero', async () => {
    const { db } = handle;
    const member = await newMember(db);
    const later = await awardPoints(db, {
      ...member,
      points: 30,
      expiresInMonths: 12,
      idempotencyKey: 'e1',
      reason: 'r',
    });
    const sooner = await awardPoints(db, {
      ...member,
      points: 30,
      expiresInMonths: 2,
      idempotencyKey: 'e2',
      reason: 'r',
    });
    const taken = await adjustPoints(db, { ...member, points: -40, reason: 'Fraud', idempotencyKey: 'neg' });
    expect(taken).toMatchObject({ points: -40, balance: 20, lotId: null, expiresAt: null });
    expect(taken.consumed).toEqual([
      { lotId: sooner.lotId, points: 30 },
      { lotId: later.lotId, points: 10 },
    ]);
    await expect(
      adjustPoints(db, { ...member, points: -21, reason: 'Fraud', idempotencyKey: 'too-much' }),
    ).rejects.toBeInstanceOf(InsufficientPointsError);
    expect(await ledgerTotals(db, member.workspaceId, member.customerId)).toEqual({
      balance: 20,
      entrySum: 20,
      entryCount: 3,
      lotSum: 20,
    });
    expect(await ledgerViolations(db, member.workspaceId)).toEqual([]);
  });

  it('replays a key, refuses it for another request, and names bad fields writing nothing', async () => {
    const { db } = handle;
    const member = await newMember(db);
    const request = { ...member, points: 15, reason: 'Welcome back', idempotencyKey: 'k' };
    const first = await adjustPoints(db, request);
    expect(await adjustPoints(db, request)).toEqual({ ...first, replayed: true });
    await expect(adjustPoints(db, { ...request, reason: 'Other' })).rejects.toBeInstanceOf(
      IdempotencyConflictError,
    );
    const negative = { ...member, points: -5, reason: 'Correction', idempotencyKey: 'n' };
    const taken = await adjustPoints(db, negative);
    expect(await adjustPoints(db, negative)).toEqual({ ...taken, replayed: true });

    const bad = { ...member, points: 5, reason: 'r', idempotencyKey: 'bad' };
    await expect(adjustPoints(db, { ...bad, points: 0 })).rejects.toThrow(/^points: points must not be 0/);
    await expect(adjustPoints(db, { ...bad, reason: '' })).rejects.toThrow(/^reason: a reason is required/);
    await expect(adjustPoints(db, { ...bad, points: -1, expiry: { kind: 'never' } })).rejects.toThrow(
      /^expiry: only a positive adjustment/,
    );
    const other = await newMember(db);
    await expect(adjustPoints(db, { ...bad, workspaceId: other.workspaceId })).rejects.toThrow(
      /^customerId: /,
    );
    expect(await ledgerTotals(db, member.workspaceId, member.customerId)).toMatchObject({
      balance: 10,
      entryCount: 2,
    });
  });
});
