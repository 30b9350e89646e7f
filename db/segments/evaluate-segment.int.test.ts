import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../client';
import { newId } from '../ids';
import { eventOutbox, events, loyaltyAccounts, orders, segmentMemberships, segments } from '../schema';
import { createTier } from '../tiers/save-tier';
import { evaluateCustomerSegments, evaluateSegment } from './evaluate-segment';
import { createSegment, updateSegment } from './save-segment';
import { segmentMemberPage } from './segment-members';
import type { SegmentRulesInput } from './segment-rules';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 10 });
});
afterAll(() => handle.close());

async function members(segmentId: string): Promise<string[]> {
  const rows = await handle.db
    .select({ id: segmentMemberships.customerId })
    .from(segmentMemberships)
    .where(eq(segmentMemberships.segmentId, segmentId))
    .orderBy(segmentMemberships.customerId);
  return rows.map((row) => row.id);
}

async function segmentEvents(workspaceId: string) {
  return handle.db
    .select({
      name: events.name,
      customerId: events.customerId,
      properties: events.properties,
      messageId: events.messageId,
      outbox: eventOutbox.eventId,
    })
    .from(events)
    .leftJoin(eventOutbox, eq(eventOutbox.eventId, events.id))
    .where(
      and(eq(events.workspaceId, workspaceId), inArray(events.name, ['segment_entered', 'segment_exited'])),
    )
    .orderBy(events.receivedAt, events.messageId);
}

async function track(workspaceId: string, customerId: string, name: string, properties = {}, daysAgo = 0) {
  await handle.db.insert(events).values({
    id: newId('evt'),
    workspaceId,
    customerId,
    name,
    properties,
    messageId: newId('msg'),
    source: 'test',
    occurredAt: new Date(Date.now() - daysAgo * 86_400_000),
  });
}

async function setBalance(
  workspaceId: string,
  customerId: string,
  balance: number,
  tierId: string | null = null,
) {
  await handle.db
    .insert(loyaltyAccounts)
    .values({ id: newId('acc'), workspaceId, customerId, balance, tierId })
    .onConflictDoUpdate({ target: loyaltyAccounts.customerId, set: { balance, tierId } });
}

async function order(workspaceId: string, customerId: string, amount: number, refunded = 0, daysAgo = 0) {
  await handle.db.insert(orders).values({
    id: newId('ord'),
    workspaceId,
    customerId,
    orderRef: newId('ref'),
    requestHash: 'x',
    amount,
    currency: 'EUR',
    qualifyingAmount: amount,
    pointsEarned: 0,
    refundedAmount: refunded,
    placedAt: new Date(Date.now() - daysAgo * 86_400_000),
  });
}

const rules = (input: SegmentRulesInput) => input;

describe('evaluateSegment', () => {
  it('enters and exits customers by set difference, one event each, exactly once', async () => {
    const ws = await createTestWorkspace(handle.db);
    const a = await createTestCustomer(handle.db, ws, { attributes: { plan: 'gold' } });
    const b = await createTestCustomer(handle.db, ws, { attributes: { plan: 'Gold' } });
    const c = await createTestCustomer(handle.db, ws, { attributes: { plan: 'silver' } });
    const segment = await createSegment(handle.db, ws, {
      name: 'Gold plan',
      rules: rules({
        match: 'all',
        rules: [{ subject: 'attribute', field: 'custom', path: 'plan', operator: 'equals', value: 'gold' }],
      }),
    });

    const first = await evaluateSegment(handle.db, ws, segment.id);
    expect(first).toMatchObject({ entered: 2, exited: 0, memberCount: 2 });
    expect(await members(segment.id)).toEqual([a.id, b.id].sort());
    // Nothing changed: nothing happens.
    expect(await evaluateSegment(handle.db, ws, segment.id)).toMatchObject({
      entered: 0,
      exited: 0,
      memberCount: 2,
    });

    await handle.db.execute(sql`update customers set attributes = '{"plan":"silver"}' where id = ${a.id}`);
    await handle.db.execute(sql`update customers set attributes = '{"plan":"GOLD"}' where id = ${c.id}`);
    expect(await evaluateSegment(handle.db, ws, segment.id)).toMatchObject({
      entered: 1,
      exited: 1,
      memberCount: 2,
    });
    expect(await members(segment.id)).toEqual([b.id, c.id].sort());

    // a comes back: a new membership, so a new entered event.
    await handle.db.execute(sql`update customers set attributes = '{"plan":"gold"}' where id = ${a.id}`);
    await evaluateSegment(handle.db, ws, segment.id);

    const stored = await segmentEvents(ws);
    const summary = stored.map(
      (e) => `${e.name}:${e.customerId === a.id ? 'a' : e.customerId === b.id ? 'b' : 'c'}`,
    );
    expect(summary.sort()).toEqual(
      [
        'segment_entered:a',
        'segment_entered:b',
        'segment_exited:a',
        'segment_entered:c',
        'segment_entered:a',
      ].sort(),
    );
    expect(stored.every((e) => e.outbox !== null)).toBe(true);
    expect(stored[0]!.properties).toEqual({ segmentId: segment.id, segmentName: 'Gold plan' });
    expect(new Set(stored.map((e) => e.messageId)).size).toBe(stored.length);
    expect(stored[0]!.messageId).toMatch(new RegExp(`^segment_entered:${segment.id}:cus_\\w+:\\d{13}$`));
    const [row] = await handle.db.select().from(segments).where(eq(segments.id, segment.id));
    expect(row!.memberCount).toBe(3);
    expect(row!.evaluatedAt).not.toBeNull();
  });

  it('concurrent evaluations of one segment enter each customer once', async () => {
    const ws = await createTestWorkspace(handle.db);
    const customers = await Promise.all(Array.from({ length: 30 }, () => createTestCustomer(handle.db, ws)));
    const segment = await createSegment(handle.db, ws, {
      name: 'Everyone',
      rules: rules({ match: 'all', rules: [{ subject: 'signed_up_within_days', days: 30 }] }),
    });
    await Promise.all([
      evaluateSegment(handle.db, ws, segment.id),
      evaluateSegment(handle.db, ws, segment.id),
      ...customers.slice(0, 10).map((c) => evaluateCustomerSegments(handle.db, ws, c.id)),
    ]);
    expect(await members(segment.id)).toHaveLength(30);
    expect(await segmentEvents(ws)).toHaveLength(30);
    const [row] = await handle.db.select().from(segments).where(eq(segments.id, segment.id));
    expect(row!.memberCount).toBe(30);
  });

  it('keeps workspaces apart', async () => {
    const ws1 = await createTestWorkspace(handle.db);
    const ws2 = await createTestWorkspace(handle.db);
    const mine = await createTestCustomer(handle.db, ws1, { locale: 'de' });
    const theirs = await createTestCustomer(handle.db, ws2, { locale: 'de' });
    await track(ws2, theirs.id, 'purchase');
    const segment = await createSegment(handle.db, ws1, {
      name: 'German',
      rules: rules({
        match: 'any',
        rules: [{ subject: 'attribute', field: 'locale', operator: 'equals', value: 'DE' }],
      }),
    });
    await evaluateSegment(handle.db, ws1, segment.id);
    expect(await members(segment.id)).toEqual([mine.id]);
    // Another workspace's id for the segment or the customer finds nothing.
    await expect(evaluateSegment(handle.db, ws2, segment.id)).rejects.toThrow(/No segment/);
    expect(await evaluateCustomerSegments(handle.db, ws2, mine.id)).toEqual([]);
    const changes = await evaluateCustomerSegments(handle.db, ws1, theirs.id);
    expect(changes).toEqual([{ segmentId: segment.id, member: false, change: null }]);
    expect(
      await segmentMemberPage(handle.db, {
        workspaceId: ws2,
        segmentId: segment.id,
        afterCustomerId: null,
        limit: 10,
      }),
    ).toEqual([]);
  });

  it('evaluates each subject', async () => {
    const ws = await createTestWorkspace(handle.db);
    const silver = await createTier(handle.db, { workspaceId: ws, name: 'Silver', threshold: 100 });
    const gold = await createTier(handle.db, { workspaceId: ws, name: 'Gold', threshold: 500 });
    const rich = await createTestCustomer(handle.db, ws, { marketingConsent: true });
    const poor = await createTestCustomer(handle.db, ws, { marketingConsent: false, email: null });
    const old = await createTestCustomer(handle.db, ws, {
      createdAt: new Date(Date.now() - 100 * 86_400_000),
    });
    await setBalance(ws, rich.id, 800, gold.id);
    await setBalance(ws, poor.id, 20, null);
    await setBalance(ws, old.id, 150, silver.id);
    await order(ws, rich.id, 10_000, 2_000);
    await order(ws, old.id, 50_000, 0, 40);
    for (let i = 0; i < 3; i++) await track(ws, rich.id, 'page_viewed', { path: '/sale', n: i });
    await track(ws, old.id, 'page_viewed', { path: '/home' }, 40);

    async function matching(input: SegmentRulesInput): Promise<string[]> {
      const segment = await createSegment(handle.db, ws, { name: newId('s'), rules: input });
      await evaluateSegment(handle.db, ws, segment.id);
      const ids = await members(segment.id);
      return [rich.id, poor.id, old.id]
        .filter((id) => ids.includes(id))
        .map((id) => (id === rich.id ? 'rich' : id === poor.id ? 'poor' : 'old'));
    }
    const one = (rule: SegmentRulesInput['rules'][number]) => matching({ match: 'all', rules: [rule] });

    expect(
      await one({ subject: 'attribute', field: 'marketingConsent', operator: 'equals', value: true }),
    ).toEqual(['rich', 'old']);
    expect(await one({ subject: 'attribute', field: 'email', operator: 'not_exists' })).toEqual(['poor']);
    expect(
      await one({ subject: 'attribute', field: 'email', operator: 'contains', value: '@EXAMPLE' }),
    ).toEqual(['rich', 'old']);
    expect(await one({ subject: 'balance', operator: 'greater_or_equal', points: 150 })).toEqual([
      'rich',
      'old',
    ]);
    expect(await one({ subject: 'balance', operator: 'less_than', points: 150 })).toEqual(['poor']);
    expect(await one({ subject: 'tier', operator: 'at_least', tierId: silver.id })).toEqual(['rich', 'old']);
    expect(await one({ subject: 'tier', operator: 'at_least', tierId: gold.id })).toEqual(['rich']);
    expect(await one({ subject: 'tier', operator: 'none' })).toEqual(['poor']);
    expect(await one({ subject: 'lifetime_spend', operator: 'greater_or_equal', amount: 8_000 })).toEqual([
      'rich',
      'old',
    ]);
    expect(
      await one({ subject: 'lifetime_spend', operator: 'greater_than', amount: 8_000, withinDays: 30 }),
    ).toEqual([]);
    expect(
      await one({ subject: 'lifetime_spend', operator: 'equals', amount: 8_000, withinDays: 30 }),
    ).toEqual(['rich']);
    expect(await one({ subject: 'signed_up_within_days', days: 30 })).toEqual(['rich', 'poor']);
    expect(await one({ subject: 'event', eventName: 'page_viewed', count: 'at_least', times: 3 })).toEqual([
      'rich',
    ]);
    expect(
      await one({ subject: 'event', eventName: 'page_viewed', count: 'at_least', times: 1, withinDays: 30 }),
    ).toEqual(['rich']);
    expect(await one({ subject: 'event', eventName: 'page_viewed', count: 'at_most', times: 0 })).toEqual([
      'poor',
    ]);
    expect(
      await one({
        subject: 'event',
        eventName: 'page_viewed',
        filters: [{ property: 'path', operator: 'equals', value: '/home' }],
      }),
    ).toEqual(['old']);
    expect(
      await one({
        subject: 'event',
        eventName: 'page_viewed',
        filters: [{ property: 'n', operator: 'greater_or_equal', value: '2' }],
      }),
    ).toEqual(['rich']);
    expect(
      await matching({
        match: 'any',
        rules: [
          { subject: 'tier', operator: 'none' },
          { subject: 'lifetime_spend', operator: 'greater_or_equal', amount: 50_000 },
        ],
      }),
    ).toEqual(['poor', 'old']);
  });

  it('refuses tiers of another workspace and duplicate names, on their fields', async () => {
    const ws = await createTestWorkspace(handle.db);
    const other = await createTestWorkspace(handle.db);
    const tier = await createTier(handle.db, { workspaceId: other, name: 'Gold', threshold: 1 });
    await expect(
      createSegment(handle.db, ws, {
        name: 'x',
        rules: {
          match: 'all',
          rules: [
            { subject: 'balance', operator: 'equals', points: 1 },
            { subject: 'tier', operator: 'at_least', tierId: tier.id },
          ],
        },
      }),
    ).rejects.toMatchObject({ field: 'rules.rules.1.tierId' });
    const saved = await createSegment(handle.db, ws, {
      name: 'A',
      rules: { rules: [{ subject: 'signed_up_within_days', days: 1 }] },
    });
    await createSegment(handle.db, ws, {
      name: 'B',
      rules: { rules: [{ subject: 'signed_up_within_days', days: 1 }] },
    });
    await expect(
      updateSegment(handle.db, ws, saved.id, {
        name: ' B ',
        rules: { rules: [{ subject: 'signed_up_within_days', days: 1 }] },
      }),
    ).rejects.toMatchObject({ field: 'name' });
  });
});

describe('segmentMemberPage', () => {
  it('pages through members in id order', async () => {
    const ws = await createTestWorkspace(handle.db);
    const all = await Promise.all(Array.from({ length: 7 }, () => createTestCustomer(handle.db, ws)));
    const segment = await createSegment(handle.db, ws, {
      name: 'All',
      rules: { rules: [{ subject: 'signed_up_within_days', days: 1 }] },
    });
    await evaluateSegment(handle.db, ws, segment.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: string[] = await segmentMemberPage(handle.db, {
        workspaceId: ws,
        segmentId: segment.id,
        afterCustomerId: after,
        limit: 3,
      });
      if (page.length === 0) break;
      seen.push(...page);
      after = page.at(-1)!;
    }
    expect(seen).toEqual(all.map((c) => c.id).sort());
  });
});
