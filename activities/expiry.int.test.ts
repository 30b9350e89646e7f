import { MockActivityEnvironment } from '@temporalio/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestWorkspace } from '../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../db/client';
import { awardPoints } from '../db/ledger/award';
import type { ExpiredAccount } from '../db/ledger/expire';
import { ledgerTotals, ledgerViolations } from '../db/ledger/testing/ledger-invariants';
import { newMember } from '../db/ledger/testing/member';
import { loyaltyAccounts } from '../db/schema';
import type { ExpirePointsInput, ExpirePointsResult } from '../workflows/expiry-contract';
import { createExpiryActivities } from './expiry';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 4 });
});
afterAll(() => handle.close());

const asOf = () => new Date(Date.now() + 60 * 86_400_000).toISOString();

describe('expireDuePoints', () => {
  it('pages through the accounts, heartbeating its cursor, and hands expired accounts to the seam', async () => {
    const { db } = handle;
    const workspaceId = await createTestWorkspace(db);
    const members = await Promise.all(Array.from({ length: 3 }, () => newMember(db, workspaceId)));
    for (const [i, member] of members.entries())
      await awardPoints(db, {
        ...member,
        points: 10 + i,
        expiresInMonths: 1,
        idempotencyKey: `e${i}`,
        reason: 'r',
      });
    const expired: ExpiredAccount[] = [];
    const activities = createExpiryActivities({
      db,
      onExpired: async (_tx, batch) => void expired.push(...batch.accounts),
    });
    const env = new MockActivityEnvironment();
    const heartbeats: unknown[] = [];
    env.on('heartbeat', (details: unknown) => heartbeats.push(details));

    const result = await env.run(activities.expireDuePoints, { workspaceId, asOf: asOf() });
    expect(result).toMatchObject({ workspaces: 1, batches: 1, accounts: 3, lots: 3, points: 33 });
    expect(heartbeats.length).toBeGreaterThanOrEqual(1);
    expect(expired.map((a) => a.customerId).sort()).toEqual(members.map((m) => m.customerId).sort());
    expect(await ledgerViolations(db, workspaceId)).toEqual([]);
  });

  it('resumes after the cursor of a previous attempt, against the same cut-off', async () => {
    const { db } = handle;
    const workspaceId = await createTestWorkspace(db);
    const members = await Promise.all(Array.from({ length: 3 }, () => newMember(db, workspaceId)));
    const accounts: string[] = [];
    for (const [i, member] of members.entries()) {
      await awardPoints(db, {
        ...member,
        points: 10,
        expiresInMonths: 1,
        idempotencyKey: `e${i}`,
        reason: 'r',
      });
      const [account] = await db
        .select({ id: loyaltyAccounts.id })
        .from(loyaltyAccounts)
        .where(eq(loyaltyAccounts.customerId, member.customerId));
      accounts.push(account!.id);
    }
    accounts.sort();
    const cutoff = asOf();
    // A previous attempt got through the first account, then the worker died.
    const env = new MockActivityEnvironment({
      heartbeatDetails: {
        result: { asOf: cutoff, workspaces: 0, batches: 1, accounts: 1, lots: 1, points: 10 },
        workspaceId,
        afterAccountId: accounts[0],
        doneUpTo: null,
      },
    });
    const result = await env.run(createExpiryActivities({ db }).expireDuePoints, { workspaceId });
    expect(result).toMatchObject({
      asOf: cutoff,
      workspaces: 1,
      batches: 2,
      accounts: 3,
      lots: 3,
      points: 30,
    });
    const balances = await Promise.all(members.map((m) => ledgerTotals(db, workspaceId, m.customerId)));
    // The first account was skipped (the previous attempt's job); the other two expired.
    expect(balances.filter((b) => b.balance === 0)).toHaveLength(2);
  });

  it('walks every workspace with due lots when none is named, against the database clock', async () => {
    const { db } = handle;
    const member = await newMember(db);
    // Awards always expire in the future; write a lot that fell due an hour ago directly.
    await awardPoints(db, { ...member, points: 12, expiresInMonths: 1, idempotencyKey: 'e', reason: 'r' });
    await db.execute(
      sql`update point_lots set expires_at = now() - interval '1 hour' where workspace_id = ${member.workspaceId}`,
    );
    const everyWorkspace: ExpirePointsInput = {};
    const result: ExpirePointsResult = await new MockActivityEnvironment().run(
      createExpiryActivities({ db }).expireDuePoints,
      everyWorkspace,
    );
    expect(result.workspaces).toBeGreaterThanOrEqual(1);
    expect(Math.abs(new Date(result.asOf).getTime() - Date.now())).toBeLessThan(60_000);
    expect(await ledgerTotals(db, member.workspaceId, member.customerId)).toMatchObject({
      balance: 0,
      lotSum: 0,
    });
    expect(await ledgerViolations(db, member.workspaceId)).toEqual([]);
  });

  it('fails without retrying on bad input', async () => {
    const failure = await new MockActivityEnvironment()
      .run(createExpiryActivities({ db: handle.db }).expireDuePoints, { asOf: 'tomorrow' })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ nonRetryable: true, message: expect.stringMatching(/^asOf: /) });
  });
});
