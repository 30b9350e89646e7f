import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestCustomer, createTestTemplate, createTestWorkspace } from '../../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../client';
import { newId } from '../ids';
import { suppressAddress } from '../compliance/suppressions';
import { suppressionHash } from '../compliance/suppression-hash';
import { customers, messageLog } from '../schema';
import { claimSend, type ClaimSendInput, type SendWindowFacts } from './claim-send';

let database: DatabaseHandle;

beforeAll(() => {
  database = connectDatabase(inject('databaseUrl'), { max: 10 });
});

afterAll(async () => {
  await database?.close();
});

async function setUp() {
  const db = database.db;
  const workspaceId = await createTestWorkspace(db, 'Claim Shop');
  const customer = await createTestCustomer(db, workspaceId, { email: `${newId('claim')}@example.test` });
  const templateId = await createTestTemplate(db, workspaceId, {
    subject: 'Hi',
    mjml: '<mjml><mj-body></mj-body></mjml>',
    name: 'Claimed',
  });
  const input: ClaimSendInput = {
    workspaceId,
    runId: `journey:jrn_claim:${customer.id}:${newId('r')}`,
    stepId: 'send',
    customerId: customer.id,
    templateId,
    messageIdDomain: 'claim-shop.test',
    meta: { journeyId: 'jrn_claim', journeyVersion: 3 },
  };
  return { workspaceId, customer, templateId, input };
}

async function rowsOf(input: ClaimSendInput) {
  return database.db
    .select()
    .from(messageLog)
    .where(and(eq(messageLog.workspaceId, input.workspaceId), eq(messageLog.runId, input.runId)));
}

describe('claimSend', () => {
  it('claims a queued row with the live version and reads what the send needs', async () => {
    const { customer, templateId, input } = await setUp();
    const claimed = await claimSend(database.db, input);
    expect(claimed.kind).toBe('claimed');
    if (claimed.kind !== 'claimed') return;
    expect(claimed.claim.customer).toMatchObject({
      id: customer.id,
      email: customer.email,
      marketingConsent: true,
    });
    expect(claimed.claim.template).toEqual({ id: templateId, name: 'Claimed', liveVersion: 1 });
    expect(claimed.claim.workspace).toMatchObject({
      name: 'Claim Shop',
      emailTracking: true,
      defaultLocale: 'en',
    });
    expect(claimed.claim.suppression).toBeNull();
    expect(claimed.claim.optedOutTopics).toEqual([]);
    expect(claimed.claim.row).toMatchObject({ status: 'queued', templateVersion: 1 });
    expect(claimed.claim.row.messageId).toBe(`<${claimed.claim.row.id}@claim-shop.test>`);

    const [row] = await rowsOf(input);
    expect(row).toMatchObject({
      id: claimed.claim.row.id,
      toAddress: customer.email,
      templateId,
      meta: { journeyId: 'jrn_claim', journeyVersion: 3 },
    });
  });

  it('gives a later attempt the row the first one claimed, in whatever state it is', async () => {
    const { input } = await setUp();
    const first = await claimSend(database.db, input);
    if (first.kind !== 'claimed') throw new Error(first.kind);
    await database.db.update(messageLog).set({ status: 'sent' }).where(eq(messageLog.id, first.claim.row.id));
    const again = await claimSend(database.db, input);
    if (again.kind !== 'claimed') throw new Error(again.kind);
    expect(again.claim.row).toMatchObject({ id: first.claim.row.id, status: 'sent' });
    expect(await rowsOf(input)).toHaveLength(1);
  });

  it('gives every one of many simultaneous attempts the same single row', async () => {
    const { input } = await setUp();
    const attempts = await Promise.all(Array.from({ length: 12 }, () => claimSend(database.db, input)));
    const ids = new Set(attempts.map((a) => (a.kind === 'claimed' ? a.claim.row.id : a.kind)));
    expect(ids.size).toBe(1);
    expect(await rowsOf(input)).toHaveLength(1);
  });

  it('waits for a consent change that holds the customer row and reads what it committed', async () => {
    const { customer, input } = await setUp();
    let claim: ReturnType<typeof claimSend> | undefined;
    await database.db.transaction(async (tx) => {
      await tx.update(customers).set({ marketingConsent: false }).where(eq(customers.id, customer.id));
      claim = claimSend(database.db, input);
      // The claim is now waiting for this transaction's row lock.
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    const claimed = await claim!;
    if (claimed.kind !== 'claimed') throw new Error(claimed.kind);
    expect(claimed.claim.customer.marketingConsent).toBe(false);
  });

  it('reads the strongest suppression and the topic opt-outs in the same statement', async () => {
    const { workspaceId, customer, input } = await setUp();
    // The plain address unsubscribed, and an erased earlier holder of it bounced (kept hashed).
    await suppressAddress(database.db, {
      workspaceId,
      address: customer.email.toLowerCase(),
      reason: 'unsubscribed',
      source: 'test',
    });
    await suppressAddress(database.db, {
      workspaceId,
      address: suppressionHash(customer.email),
      reason: 'bounced',
      source: 'test',
    });
    await database.db.execute(
      sql`insert into customer_topic_optouts (workspace_id, customer_id, topic_key, source)
          values (${workspaceId}, ${customer.id}, 'news', 'test'), (${workspaceId}, ${customer.id}, 'loyalty', 'test')`,
    );
    const claimed = await claimSend(database.db, input);
    if (claimed.kind !== 'claimed') throw new Error(claimed.kind);
    expect(claimed.claim.suppression).toBe('bounced');
    expect([...claimed.claim.optedOutTopics].sort()).toEqual(['loyalty', 'news']);
  });

  it('claims nothing for a customer or template the workspace does not have', async () => {
    const { input } = await setUp();
    expect(await claimSend(database.db, { ...input, customerId: 'cus_missing' })).toEqual({
      kind: 'missing-customer',
    });
    expect(await claimSend(database.db, { ...input, templateId: 'tpl_missing' })).toEqual({
      kind: 'missing-template',
    });
    expect(await rowsOf(input)).toHaveLength(0);
  });

  it('asks the send window before the first claim only, with the sends of the capped period', async () => {
    const { input } = await setUp();
    const asked: SendWindowFacts[] = [];
    const now = new Date('2026-06-10T12:00:00Z');
    const window = (defer: boolean) => ({
      capPeriodHours: 24,
      now: () => now,
      decide: (facts: SendWindowFacts) => {
        asked.push(facts);
        return defer ? 'later' : undefined;
      },
    });
    expect(await claimSend(database.db, input, window(true))).toEqual({
      kind: 'deferred',
      deferral: 'later',
    });
    expect(await rowsOf(input)).toHaveLength(0);
    expect(asked[0]).toMatchObject({ timeZone: 'Europe/Berlin', now, recentSends: [] });

    // An earlier send to the customer an hour ago counts for the cap.
    const other = { ...input, runId: `${input.runId}:other` };
    const earlier = await claimSend(database.db, other);
    if (earlier.kind !== 'claimed') throw new Error(earlier.kind);
    const hourAgo = new Date(now.getTime() - 3_600_000);
    await database.db
      .update(messageLog)
      .set({ status: 'sent', sentAt: hourAgo })
      .where(eq(messageLog.id, earlier.claim.row.id));

    const claimed = await claimSend(database.db, input, window(false));
    expect(claimed.kind).toBe('claimed');
    expect(asked[1]!.recentSends).toEqual([hourAgo]);
    // Claimed already: a retry is not asked again, even when the window would now defer.
    expect((await claimSend(database.db, input, window(true))).kind).toBe('claimed');
    expect(asked).toHaveLength(2);
  });
});
