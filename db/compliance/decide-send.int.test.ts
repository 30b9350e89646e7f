import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../client';
import type { SuppressionReason } from '../schema';
import { decideMarketingSend, type DecideSendInput } from './decide-send';
import { suppressAddress } from './suppressions';
import { setTopicOptOut } from './topic-optouts';
import { insertDefaultTopics } from './topics';

let database: DatabaseHandle;

beforeAll(() => {
  database = connectDatabase(inject('databaseUrl'));
});

afterAll(async () => {
  await database?.close();
});

async function setup(overrides: { marketingConsent?: boolean; email?: string | null } = {}) {
  const db = database.db;
  const workspaceId = await createTestWorkspace(db, 'Decide Shop');
  await insertDefaultTopics(db, workspaceId);
  const customer = await createTestCustomer(db, workspaceId, {
    marketingConsent: overrides.marketingConsent ?? true,
    ...(overrides.email !== undefined && { email: overrides.email }),
  });
  const decide = (input: Partial<Omit<DecideSendInput, 'workspaceId' | 'customer'>> = {}) =>
    db.transaction((tx) =>
      decideMarketingSend(tx, {
        workspaceId,
        customer: { id: customer.id, email: customer.email, marketingConsent: customer.marketingConsent },
        category: input.category ?? 'marketing',
        topic: input.topic ?? null,
      }),
    );
  return { db, workspaceId, customer, decide };
}

describe('decideMarketingSend', () => {
  it('allows marketing to a consenting, unsuppressed customer, with or without a topic', async () => {
    const { decide } = await setup();
    expect(await decide()).toEqual({ allowed: true });
    expect(await decide({ topic: 'news' })).toEqual({ allowed: true });
  });

  it('refuses marketing without consent, but sends transactional mail', async () => {
    const { decide } = await setup({ marketingConsent: false });
    expect(await decide()).toEqual({ allowed: false, reason: 'no_marketing_consent' });
    expect(await decide({ category: 'transactional' })).toEqual({ allowed: true });
  });

  it('refuses marketing of a topic the customer opted out of; other topics and transactional mail go', async () => {
    const { db, workspaceId, customer, decide } = await setup();
    await setTopicOptOut(db, {
      workspaceId,
      customerId: customer.id,
      topic: 'news',
      optedOut: true,
      source: 'admin',
    });
    expect(await decide({ topic: 'news' })).toEqual({ allowed: false, reason: 'topic_opted_out' });
    expect(await decide({ topic: 'loyalty' })).toEqual({ allowed: true });
    expect(await decide({ topic: null })).toEqual({ allowed: true });
    expect(await decide({ category: 'transactional', topic: 'news' })).toEqual({ allowed: true });
  });

  const cases: [SuppressionReason, 'blocks' | 'allows'][] = [
    ['unsubscribed', 'allows'],
    ['manual', 'allows'],
    ['bounced', 'blocks'],
    ['complained', 'blocks'],
  ];
  for (const [reason, transactional] of cases) {
    it(`refuses marketing to an address suppressed as ${reason}; transactional mail: ${transactional}`, async () => {
      const { db, workspaceId, customer, decide } = await setup();
      // Stored lowercased, matched whatever the customer row's spelling.
      await suppressAddress(db, {
        workspaceId,
        address: customer.email.toUpperCase(),
        reason,
        source: 'admin',
      });
      expect(await decide()).toEqual({ allowed: false, reason: `suppressed_${reason}` });
      expect(await decide({ category: 'transactional' })).toEqual(
        transactional === 'blocks' ? { allowed: false, reason: `suppressed_${reason}` } : { allowed: true },
      );
    });
  }

  it('names the suppression before missing consent: the list outlives the consent flag', async () => {
    const { db, workspaceId, customer, decide } = await setup({ marketingConsent: false });
    await suppressAddress(db, {
      workspaceId,
      address: customer.email,
      reason: 'unsubscribed',
      source: 'admin',
    });
    expect(await decide()).toEqual({ allowed: false, reason: 'suppressed_unsubscribed' });
  });

  it("ignores another workspace's suppressions and opt-outs", async () => {
    const { db, customer, decide } = await setup();
    const other = await createTestWorkspace(db, 'Other Shop');
    await suppressAddress(db, {
      workspaceId: other,
      address: customer.email,
      reason: 'bounced',
      source: 'admin',
    });
    expect(await decide()).toEqual({ allowed: true });
    expect(await decide({ category: 'transactional' })).toEqual({ allowed: true });
  });

  it('lets a customer without an address through the list (the send skips them for that itself)', async () => {
    const { decide } = await setup({ email: null });
    expect(await decide({ category: 'transactional' })).toEqual({ allowed: true });
  });
});
