import { eq } from 'drizzle-orm';
import type { Database } from '../../client';
import { newId } from '../../ids';
import {
  emailSuppressions,
  events,
  journeys,
  ledgerEntries,
  loyaltyAccounts,
  messageEngagementTotals,
  messageLog,
  orderRefunds,
  orders,
  rewards,
  segmentMemberships,
  segments,
  tierChanges,
  tiers,
  vouchers,
} from '../../schema';
import { createTestCustomer, createTestTemplate, createTestWorkspace } from '../../../scripts/test/fixtures';

/**
 * A small hand-made workspace (Europe/Berlin) whose every figure is worked out by hand in
 * `kpis.int.test.ts`. Period under test: November 2026; previous period: 2–31 October.
 *
 * Customers: A (Sep 15, member), B (Oct 10, member), C (Nov 5, member), D (Nov 6), E (Nov 20).
 * Tiers Silver and Gold; rewards Coffee (stock 10) and Bag; a segment VIP = {A, D};
 * template T1 and journey J1.
 */
export interface KnownDataset {
  workspaceId: string;
  customers: Record<'a' | 'b' | 'c' | 'd' | 'e', string>;
  accounts: Record<'a' | 'b' | 'c', string>;
  tiers: { silver: string; gold: string };
  rewards: { coffee: string; bag: string };
  segmentId: string;
  templateId: string;
  journeyId: string;
  messages: Record<'m1' | 'm2' | 'm3' | 'm4' | 'm5', string>;
}

const at = (iso: string) => new Date(iso);

export async function createKnownDataset(db: Database): Promise<KnownDataset> {
  const workspaceId = await createTestWorkspace(db, 'Analytics known answers');
  const customer = async (createdAt: string) =>
    (await createTestCustomer(db, workspaceId, { createdAt: at(createdAt) })).id;
  const c = {
    a: await customer('2026-09-15T09:00:00Z'),
    b: await customer('2026-10-10T09:00:00Z'),
    c: await customer('2026-11-05T09:00:00Z'),
    d: await customer('2026-11-06T09:00:00Z'),
    e: await customer('2026-11-20T09:00:00Z'),
  };
  const silver = newId('tier');
  const gold = newId('tier');
  await db.insert(tiers).values([
    { id: silver, workspaceId, name: 'Silver', threshold: 100 },
    { id: gold, workspaceId, name: 'Gold', threshold: 500 },
  ]);
  const accounts = { a: newId('acc'), b: newId('acc'), c: newId('acc') };
  await db.insert(loyaltyAccounts).values([
    { id: accounts.a, workspaceId, customerId: c.a },
    { id: accounts.b, workspaceId, customerId: c.b },
    { id: accounts.c, workspaceId, customerId: c.c },
  ]);

  let balance = 0;
  const entry = (
    accountId: string,
    kind: 'earn' | 'redeem' | 'expire' | 'adjust',
    points: number,
    createdAt: string,
  ) => {
    balance += points;
    const id = newId('le');
    return {
      id,
      workspaceId,
      accountId,
      kind,
      points,
      balanceAfter: Math.max(balance, 0),
      idempotencyKey: id,
      requestHash: 'test',
      reason: 'known dataset',
      createdAt: at(createdAt),
    };
  };
  await db
    .insert(ledgerEntries)
    .values([
      entry(accounts.a, 'earn', 100, '2026-10-05T12:00:00Z'),
      entry(accounts.a, 'earn', 200, '2026-11-03T12:00:00Z'),
      entry(accounts.a, 'redeem', -150, '2026-11-10T12:00:00Z'),
      entry(accounts.b, 'earn', 50, '2026-10-12T12:00:00Z'),
      entry(accounts.b, 'expire', -50, '2026-11-15T12:00:00Z'),
      entry(accounts.c, 'earn', 300, '2026-11-07T12:00:00Z'),
      entry(accounts.c, 'adjust', 20, '2026-11-08T12:00:00Z'),
      entry(accounts.c, 'adjust', -10, '2026-11-09T12:00:00Z'),
    ]);

  const tierChange = (accountId: string, from: string | null, to: string | null, createdAt: string) => ({
    id: newId('tc'),
    workspaceId,
    accountId,
    fromTierId: from,
    toTierId: to,
    direction: (to === null || (from === gold && to === silver) ? 'downgrade' : 'upgrade') as
      'upgrade' | 'downgrade',
    qualifyingValue: 0,
    cause: 'test',
    createdAt: at(createdAt),
  });
  await db
    .insert(tierChanges)
    .values([
      tierChange(accounts.a, null, silver, '2026-10-05T11:00:00Z'),
      tierChange(accounts.a, silver, gold, '2026-11-03T10:00:00Z'),
      tierChange(accounts.c, null, silver, '2026-11-07T11:00:00Z'),
      tierChange(accounts.b, null, silver, '2026-10-12T13:00:00Z'),
      tierChange(accounts.b, silver, null, '2026-11-15T12:00:00Z'),
    ]);

  const order = (customerId: string, amount: number, placedAt: string) => {
    const id = newId('ord');
    return {
      id,
      workspaceId,
      customerId,
      orderRef: id,
      requestHash: 'test',
      amount,
      currency: 'EUR',
      qualifyingAmount: amount,
      pointsEarned: 0,
      placedAt: at(placedAt),
    };
  };
  const refundedOrder = order(c.a, 2000, '2026-11-20T12:00:00Z');
  await db.insert(orders).values([
    order(c.a, 1000, '2026-10-05T12:00:00Z'),
    order(c.a, 3000, '2026-11-03T12:00:00Z'),
    refundedOrder,
    order(c.c, 4000, '2026-11-07T12:00:00Z'),
    order(c.d, 500, '2026-11-12T12:00:00Z'),
    // 23:30 UTC on 30 November is 1 December in Berlin: outside November.
    order(c.d, 1500, '2026-11-30T23:30:00Z'),
    order(c.b, 600, '2026-10-12T12:00:00Z'),
  ]);
  await db.insert(orderRefunds).values({
    id: newId('ref'),
    workspaceId,
    orderId: refundedOrder.id,
    refundRef: 'r1',
    requestHash: 'test',
    amount: 500,
    refundedAmountAfter: 500,
    createdAt: at('2026-11-22T12:00:00Z'),
  });

  const segmentId = newId('seg');
  await db
    .insert(segments)
    .values({ id: segmentId, workspaceId, name: 'VIP', rules: { match: 'all', rules: [] } as never });
  await db.insert(segmentMemberships).values([
    { workspaceId, segmentId, customerId: c.a },
    { workspaceId, segmentId, customerId: c.d },
  ]);

  const coffee = newId('rwd');
  const bag = newId('rwd');
  await db.insert(rewards).values([
    { id: coffee, workspaceId, name: 'Coffee', kind: 'free_product', pointsCost: 150, stockRemaining: 10 },
    { id: bag, workspaceId, name: 'Bag', kind: 'free_product', pointsCost: 500 },
  ]);
  const voucher = (customerId: string, pointsSpent: number, createdAt: string) => {
    const id = newId('vch');
    return {
      id,
      workspaceId,
      rewardId: coffee,
      customerId,
      code: id,
      pointsSpent,
      idempotencyKey: id,
      requestHash: 'test',
      createdAt: at(createdAt),
    };
  };
  await db
    .insert(vouchers)
    .values([voucher(c.a, 150, '2026-11-10T12:00:00Z'), voucher(c.c, 0, '2026-11-12T12:00:00Z')]);

  const survey = (customerId: string, score: unknown, occurredAt: string) => ({
    id: newId('evt'),
    workspaceId,
    customerId,
    name: 'survey_response',
    properties: { score },
    messageId: newId('msg'),
    source: 'api',
    occurredAt: at(occurredAt),
  });
  await db
    .insert(events)
    .values([
      survey(c.a, 10, '2026-11-02T12:00:00Z'),
      survey(c.b, 9, '2026-11-03T12:00:00Z'),
      survey(c.c, '9', '2026-11-04T12:00:00Z'),
      survey(c.d, 7, '2026-11-05T12:00:00Z'),
      survey(c.e, 3, '2026-11-06T12:00:00Z'),
      survey(c.e, 'abc', '2026-11-06T12:00:00Z'),
      survey(c.e, 11, '2026-11-06T12:00:00Z'),
      survey(c.a, 10, '2026-10-20T12:00:00Z'),
      { ...survey(c.a, 2, '2026-11-07T12:00:00Z'), name: 'page_viewed' },
    ]);

  const templateId = await createTestTemplate(db, workspaceId, { subject: 'Hi', mjml: '<mjml></mjml>' });
  const journeyId = newId('jrn');
  await db
    .insert(journeys)
    .values({ id: journeyId, workspaceId, name: 'J1', draftGraph: { nodes: [], edges: [] } as never });
  const message = (
    customerId: string,
    status: 'queued' | 'sent' | 'failed' | 'suppressed',
    createdAt: string,
    inJourney = true,
  ) => {
    const id = newId('mlog');
    return {
      id,
      workspaceId,
      customerId,
      templateId,
      runId: `run-${id}`,
      stepId: 'send',
      status,
      messageId: `<${id}@test>`,
      meta: inJourney ? { journeyId, journeyVersion: 1 } : {},
      createdAt: at(createdAt),
    };
  };
  const m = {
    m1: message(c.a, 'queued', '2026-11-02T09:00:00Z'),
    m2: message(c.c, 'sent', '2026-11-06T09:00:00Z'),
    m3: message(c.d, 'failed', '2026-11-06T09:00:00Z'),
    m4: message(c.e, 'suppressed', '2026-11-21T09:00:00Z', false),
    m5: message(c.b, 'sent', '2026-10-20T09:00:00Z'),
  };
  await db.insert(messageLog).values(Object.values(m));
  // Claimed as queued, then sent: the update moves it between counts.
  await db.update(messageLog).set({ status: 'sent' }).where(eqId(m.m1.id));
  await db.insert(messageEngagementTotals).values([
    { messageLogId: m.m1.id, workspaceId, firstOpenedAt: at('2026-11-02T10:00:00Z'), openCount: 1 },
    { messageLogId: m.m2.id, workspaceId, firstOpenedAt: at('2026-11-06T10:00:00Z'), openCount: 1 },
    {
      messageLogId: m.m5.id,
      workspaceId,
      firstOpenedAt: at('2026-10-20T10:00:00Z'),
      openCount: 1,
      firstClickedAt: at('2026-10-20T10:05:00Z'),
      clickCount: 1,
    },
  ]);
  // The click arrives later, as an upsert of the totals row.
  await db
    .update(messageEngagementTotals)
    .set({ firstClickedAt: at('2026-11-02T10:05:00Z'), clickCount: 1 })
    .where(eqMessage(m.m1.id));
  await db.insert(emailSuppressions).values([
    {
      id: newId('sup'),
      workspaceId,
      address: 'd@example.test',
      reason: 'bounced',
      source: 'smtp_bounce',
      messageLogId: m.m3.id,
    },
    {
      id: newId('sup'),
      workspaceId,
      address: 'c@example.test',
      reason: 'unsubscribed',
      source: 'one_click_unsubscribe',
      messageLogId: m.m2.id,
    },
    { id: newId('sup'), workspaceId, address: 'x@example.test', reason: 'manual', source: 'admin' },
  ]);

  return {
    workspaceId,
    customers: c,
    accounts,
    tiers: { silver, gold },
    rewards: { coffee, bag },
    segmentId,
    templateId,
    journeyId,
    messages: { m1: m.m1.id, m2: m.m2.id, m3: m.m3.id, m4: m.m4.id, m5: m.m5.id },
  };
}

function eqId(id: string) {
  return eq(messageLog.id, id);
}

function eqMessage(id: string) {
  return eq(messageEngagementTotals.messageLogId, id);
}
