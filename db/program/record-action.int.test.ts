import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../client';
import { IdempotencyConflictError, LedgerInputError } from '../ledger/errors';
import { ledgerViolations } from '../ledger/testing/ledger-invariants';
import { newMember, type Member } from '../ledger/testing/member';
import { ledgerEntries, workspaces } from '../schema';
import type { EarnRules } from './earn-rules';
import { recordAction } from './record-action';
import { updateProgramSettings } from './settings';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 20 });
});
afterAll(() => handle.close());

async function memberWithRules(actions: EarnRules['actions']): Promise<Member> {
  const member = await newMember(handle.db);
  await updateProgramSettings(handle.db, member.workspaceId, { earnRules: { actions } });
  return member;
}

describe('recordAction', () => {
  it('awards the rule’s points, marked with the action', async () => {
    const member = await memberWithRules([{ action: 'review', points: 20, cap: null }]);
    const result = await recordAction(handle.db, { ...member, action: 'review', idempotencyKey: 'review-1' });
    expect(result).toEqual({ status: 'awarded', points: 20, balance: 20, replayed: false });
    const [entry] = await handle.db
      .select()
      .from(ledgerEntries)
      .where(
        and(
          eq(ledgerEntries.workspaceId, member.workspaceId),
          eq(ledgerEntries.idempotencyKey, 'action:review-1'),
        ),
      );
    expect(entry).toMatchObject({ kind: 'earn', points: 20, source: { action: 'review' } });
  });

  it('answers no_rule for an action the program does not reward, writing nothing', async () => {
    const member = await memberWithRules([{ action: 'review', points: 20, cap: null }]);
    expect(await recordAction(handle.db, { ...member, action: 'signup', idempotencyKey: 's' })).toEqual({
      status: 'no_rule',
    });
    const entries = await handle.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.workspaceId, member.workspaceId));
    expect(entries).toEqual([]);
  });

  it('stops at the cap per period and counts each action on its own', async () => {
    const member = await memberWithRules([
      { action: 'review', points: 10, cap: { count: 2, period: 'day' } },
      { action: 'social_share', points: 5, cap: { count: 1, period: 'lifetime' } },
    ]);
    const review = (key: string) =>
      recordAction(handle.db, { ...member, action: 'review', idempotencyKey: key });
    expect(await review('r1')).toMatchObject({ status: 'awarded', balance: 10 });
    expect(await review('r2')).toMatchObject({ status: 'awarded', balance: 20 });
    expect(await review('r3')).toEqual({ status: 'capped', cap: { count: 2, period: 'day' } });
    // A retry of an awarded key still answers its award, cap or not.
    expect(await review('r2')).toEqual({ status: 'awarded', points: 10, balance: 20, replayed: true });
    const share = (key: string) =>
      recordAction(handle.db, { ...member, action: 'social_share', idempotencyKey: key });
    expect(await share('s1')).toMatchObject({ status: 'awarded', balance: 25 });
    expect(await share('s2')).toEqual({ status: 'capped', cap: { count: 1, period: 'lifetime' } });
  });

  it('counts the period in the workspace time zone', async () => {
    const member = await memberWithRules([
      { action: 'review', points: 10, cap: { count: 1, period: 'day' } },
    ]);
    const zone = 'Pacific/Kiritimati'; // UTC+14: its day starts at 10:00 UTC the day before
    await handle.db.update(workspaces).set({ timeZone: zone }).where(eq(workspaces.id, member.workspaceId));
    await recordAction(handle.db, { ...member, action: 'review', idempotencyKey: 'first' });
    expect(
      await recordAction(handle.db, { ...member, action: 'review', idempotencyKey: 'second' }),
    ).toMatchObject({
      status: 'capped',
    });
    const stamp = (offset: string) =>
      handle.db
        .update(ledgerEntries)
        .set({ createdAt: sql`date_trunc('day', now(), ${zone}) + ${offset}::interval` })
        .where(
          and(
            eq(ledgerEntries.workspaceId, member.workspaceId),
            eq(ledgerEntries.idempotencyKey, 'action:first'),
          ),
        );
    // Just after midnight there: today, counted.
    await stamp('1 minute');
    expect(
      await recordAction(handle.db, { ...member, action: 'review', idempotencyKey: 'second' }),
    ).toMatchObject({
      status: 'capped',
    });
    // Just before midnight there: yesterday, whatever day it was in UTC or on the server.
    await stamp('-1 minute');
    expect(
      await recordAction(handle.db, { ...member, action: 'review', idempotencyKey: 'second' }),
    ).toMatchObject({
      status: 'awarded',
    });
  });

  it('never passes the cap under concurrent calls', async () => {
    const member = await memberWithRules([
      { action: 'referral', points: 50, cap: { count: 3, period: 'month' } },
    ]);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        recordAction(handle.db, { ...member, action: 'referral', idempotencyKey: `ref-${i}` }),
      ),
    );
    expect(results.filter((r) => r.status === 'awarded')).toHaveLength(3);
    expect(results.filter((r) => r.status === 'capped')).toHaveLength(9);
    const entries = await handle.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.workspaceId, member.workspaceId));
    expect(entries).toHaveLength(3);
    expect(await ledgerViolations(handle.db, member.workspaceId)).toEqual([]);
  });

  it('refuses a key used for another action or customer', async () => {
    const member = await memberWithRules([
      { action: 'review', points: 10, cap: null },
      { action: 'signup', points: 100, cap: null },
    ]);
    await recordAction(handle.db, { ...member, action: 'review', idempotencyKey: 'k' });
    await expect(
      recordAction(handle.db, { ...member, action: 'signup', idempotencyKey: 'k' }),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
    const other = await newMember(handle.db, member.workspaceId);
    await expect(
      recordAction(handle.db, { ...other, action: 'review', idempotencyKey: 'k' }),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
  });

  it('names the field of bad input', async () => {
    const member = await memberWithRules([{ action: 'review', points: 10, cap: null }]);
    const field = async (input: Parameters<typeof recordAction>[1]) => {
      const error = await recordAction(handle.db, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LedgerInputError);
      return (error as LedgerInputError).field;
    };
    expect(await field({ ...member, action: 'dance' as 'review', idempotencyKey: 'k' })).toBe('action');
    expect(await field({ ...member, action: 'review', idempotencyKey: '' })).toBe('idempotencyKey');
    expect(await field({ ...member, customerId: 'cus_nobody', action: 'review', idempotencyKey: 'k' })).toBe(
      'customerId',
    );
    expect(await field({ ...member, customerId: 'cus_nobody', action: 'signup', idempotencyKey: 'k' })).toBe(
      'customerId',
    );
  });
});
