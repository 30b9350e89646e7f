import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { routeEvent } from '../../server/journeys/route-event';
import { createTestCustomer } from '../../scripts/test/fixtures';
import { connectDatabase, type Database, type DatabaseHandle } from '../client';
import { anniversaryCandidatesPage } from '../customers/anniversary-candidates';
import { getMemberPageData } from '../customers/member-page';
import { upsertCustomer } from '../customers/upsert-customer';
import { emitEvent } from '../events/emit-event';
import { evaluateCustomerSegments, evaluateSegment } from '../segments/evaluate-segment';
import { findSuppression } from '../compliance/suppressions';
import { suppressionHash } from '../compliance/suppression-hash';
import {
  consentChanges,
  customers,
  customerTopicOptouts,
  erasureRequests,
  events,
  ledgerEntries,
  loyaltyAccounts,
  messageEngagements,
  messageLog,
  orders,
  pointLots,
  profileChanges,
  segmentMemberships,
  segments,
  vouchers,
  workspaces,
} from '../schema';
import { eraseCustomer } from './erase-customer';
import { GdprCustomerNotFoundError, GdprInputError } from './errors';
import { customerWithHistory, type CustomerWithHistory } from './testing/customer-with-history';

let handle: DatabaseHandle;
let db: Database;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 10 });
  db = handle.db;
});
afterAll(() => handle.close());

const request = (person: CustomerWithHistory) => ({
  workspaceId: person.workspaceId,
  customerId: person.customerId,
  requestedBy: 'Dana from support',
  reason: 'Art. 17 request, ticket 4711',
});

/**
 * Every table and column (text, varchar, json, jsonb, arrays) in the database whose value
 * contains `needle`, case-insensitively: the proof that an erasure left nothing behind,
 * including in tables added after this test was written.
 */
async function placesHolding(needle: string): Promise<string[]> {
  const columns = (await db.execute(sql`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'character varying', 'json', 'jsonb', 'ARRAY')`)) as unknown as Array<{
    table_name: string;
    column_name: string;
  }>;
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    const [row] = (await db.execute(
      sql`select count(*)::int as n from ${sql.identifier(table_name)}
          where position(${needle.toLowerCase()} in lower(${sql.identifier(column_name)}::text)) > 0`,
    )) as unknown as Array<{ n: number }>;
    if ((row?.n ?? 0) > 0) found.push(`${table_name}.${column_name}`);
  }
  return found;
}

/** Every amount the ledger and the shop's records hold for the customer. */
async function amounts(person: CustomerWithHistory) {
  const [account] = await db
    .select({ id: loyaltyAccounts.id, balance: loyaltyAccounts.balance, tierId: loyaltyAccounts.tierId })
    .from(loyaltyAccounts)
    .where(
      and(
        eq(loyaltyAccounts.workspaceId, person.workspaceId),
        eq(loyaltyAccounts.customerId, person.customerId),
      ),
    );
  const entries = await db
    .select({
      id: ledgerEntries.id,
      kind: ledgerEntries.kind,
      points: ledgerEntries.points,
      balanceAfter: ledgerEntries.balanceAfter,
      reason: ledgerEntries.reason,
      source: ledgerEntries.source,
    })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.workspaceId, person.workspaceId), eq(ledgerEntries.accountId, account!.id)))
    .orderBy(asc(ledgerEntries.id));
  const lots = await db
    .select({ id: pointLots.id, earned: pointLots.pointsEarned, remaining: pointLots.pointsRemaining })
    .from(pointLots)
    .where(and(eq(pointLots.workspaceId, person.workspaceId), eq(pointLots.accountId, account!.id)))
    .orderBy(asc(pointLots.id));
  const orderRows = await db
    .select({
      id: orders.id,
      amount: orders.amount,
      refunded: orders.refundedAmount,
      points: orders.pointsEarned,
    })
    .from(orders)
    .where(and(eq(orders.workspaceId, person.workspaceId), eq(orders.customerId, person.customerId)));
  const voucherRows = await db
    .select({ id: vouchers.id, code: vouchers.code, status: vouchers.status, points: vouchers.pointsSpent })
    .from(vouchers)
    .where(and(eq(vouchers.workspaceId, person.workspaceId), eq(vouchers.customerId, person.customerId)));
  return {
    balance: account!.balance,
    sum: entries.reduce((total, entry) => total + entry.points, 0),
    entries,
    lots,
    orders: orderRows,
    vouchers: voucherRows,
  };
}

describe('eraseCustomer', () => {
  it('removes the personal data from every table and keeps every amount', async () => {
    const person = await customerWithHistory(db, 'erase');
    const before = await amounts(person);
    expect(before.balance).toBeGreaterThan(0);
    expect(before.sum).toBe(before.balance);
    for (const needle of [
      person.email,
      person.oldEmail,
      person.firstName,
      person.lastName,
      person.externalId,
      person.anonymousId,
    ])
      expect(await placesHolding(needle)).not.toEqual([]);
    // The fixture reaches the mail tables: consent trail, suppressions, opt-out, engagement.
    expect(await placesHolding(person.email)).toEqual(
      expect.arrayContaining(['email_suppressions.address', 'message_engagements.url']),
    );
    expect(await placesHolding(person.oldEmail)).toEqual(
      expect.arrayContaining(['email_suppressions.address', 'email_suppressions.detail']),
    );
    expect(await placesHolding(person.firstName)).toContain('message_engagements.user_agent');

    const result = await eraseCustomer(db, request(person));

    expect(result.replayed).toBe(false);
    expect(result.summary).toEqual({
      customerId: person.customerId,
      erasedAt: expect.any(String),
      profileCleared: true,
      // Newsletter Signup, the unlinked Page Viewed of the same device, reward_redeemed,
      // email_opened and email_clicked (with the link) of the click.
      events: 5,
      messages: 2,
      engagements: person.engagements,
      profileChanges: 1,
      segmentMemberships: 1,
      // api, the news opt-out, the one-click unsubscribe, the import, and the erasure's own.
      consentChanges: 5,
      topicOptOuts: 1,
      // The current address (unsubscribed) and the old one (bounced).
      suppressions: 2,
      ledgerEntriesKept: before.entries.length,
      ordersKept: 1,
      vouchersKept: 1,
    });
    // No Temporal client given: the answer says the runs were not cancelled.
    expect(result.runs).toEqual({ cancelled: 0, warning: expect.stringContaining('not cancelled') });

    // The real proof: nothing anywhere in the database still holds any of it.
    for (const needle of [
      person.email,
      person.oldEmail,
      person.firstName,
      person.lastName,
      person.externalId,
      person.anonymousId,
      person.phone,
    ])
      expect({ needle, places: await placesHolding(needle) }).toEqual({ needle, places: [] });

    expect(await amounts(person)).toEqual(before);

    const [tombstone] = await db.select().from(customers).where(eq(customers.id, person.customerId));
    const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, person.workspaceId));
    expect(tombstone).toMatchObject({
      email: null,
      firstName: null,
      lastName: null,
      birthday: null,
      attributes: {},
      marketingConsent: false,
      marketingConsentAt: null,
      marketingConsentSource: null,
      locale: workspace!.defaultLocale,
      timeZone: workspace!.timeZone,
      erasedAt: expect.any(Date),
    });
    expect(tombstone!.externalId).toMatch(/^erased:[0-9a-z]{16}$/);

    // Events keep name, source and time for reports; the message log its status.
    const eventRows = await db
      .select({ name: events.name, properties: events.properties, userId: events.userId })
      .from(events)
      .where(eq(events.workspaceId, person.workspaceId))
      .orderBy(asc(events.name));
    expect(eventRows).toEqual([
      { name: 'Newsletter Signup', properties: {}, userId: null },
      { name: 'Page Viewed', properties: {}, userId: null },
      { name: 'email_clicked', properties: {}, userId: null },
      { name: 'email_opened', properties: {}, userId: null },
      { name: 'reward_redeemed', properties: {}, userId: null },
    ]);
    const messages = await db.select().from(messageLog).where(eq(messageLog.customerId, person.customerId));
    expect(messages).toHaveLength(2);
    for (const message of messages)
      expect(message).toMatchObject({ status: 'failed', toAddress: null, subject: null, smtpResponse: null });

    // Consent history stays as proof, sources cut to their kind; the erasure adds its own "no".
    const history = await db
      .select({ consent: consentChanges.consent, topic: consentChanges.topic, source: consentChanges.source })
      .from(consentChanges)
      .where(eq(consentChanges.customerId, person.customerId))
      .orderBy(asc(consentChanges.at), asc(consentChanges.id));
    expect(history).toHaveLength(5);
    expect(history.at(-1)).toEqual({ consent: false, topic: null, source: 'gdpr_erasure' });
    expect(history).toContainEqual({ consent: false, topic: 'news', source: 'preference_page' });
    expect(
      await db
        .select()
        .from(customerTopicOptouts)
        .where(eq(customerTopicOptouts.customerId, person.customerId)),
    ).toEqual([]);
    // Both addresses stay suppressed, as hashes only, with their reasons; the bounce loses its SMTP text.
    expect(await findSuppression(db, person.workspaceId, person.email)).toMatchObject({
      address: suppressionHash(person.email),
      reason: 'unsubscribed',
    });
    expect(await findSuppression(db, person.workspaceId, person.oldEmail)).toMatchObject({
      address: suppressionHash(person.oldEmail),
      reason: 'bounced',
      detail: null,
    });
    // Opens and clicks keep kind, position and time; the link and the agent string go.
    const engagementRows = await db
      .select()
      .from(messageEngagements)
      .where(eq(messageEngagements.customerId, person.customerId));
    expect(engagementRows).toEqual([
      expect.objectContaining({ kind: 'click', linkIndex: 0, url: null, userAgent: null, agent: 'client' }),
    ]);
    const [change] = await db
      .select({ change: profileChanges.change })
      .from(profileChanges)
      .where(eq(profileChanges.customerId, person.customerId));
    expect(change!.change).toEqual({ kind: 'set_attribute', attribute: 'backupEmail' });
    const [segment] = await db.select().from(segments).where(eq(segments.id, person.segmentId));
    expect(segment!.memberCount).toBe(0);

    const [record] = await db
      .select()
      .from(erasureRequests)
      .where(eq(erasureRequests.customerId, person.customerId));
    expect(record).toMatchObject({
      workspaceId: person.workspaceId,
      requestedBy: 'Dana from support',
      reason: 'Art. 17 request, ticket 4711',
      summary: result.summary,
    });
  });

  it('is idempotent: a repeat changes nothing and answers the same summary', async () => {
    const person = await customerWithHistory(db, 'erase twice');
    const first = await eraseCustomer(db, request(person));
    const [tombstone] = await db.select().from(customers).where(eq(customers.id, person.customerId));
    const second = await eraseCustomer(db, { ...request(person), reason: 'asked again by mail' });
    expect(second.replayed).toBe(true);
    expect(second.summary).toEqual(first.summary);
    const [after] = await db.select().from(customers).where(eq(customers.id, person.customerId));
    expect(after).toEqual(tombstone);
    const records = await db
      .select()
      .from(erasureRequests)
      .where(eq(erasureRequests.customerId, person.customerId));
    expect(records).toHaveLength(1);
    expect(records[0]!.reason).toBe('Art. 17 request, ticket 4711');
  });

  it('concurrent requests erase once', async () => {
    const person = await customerWithHistory(db, 'erase race');
    const results = await Promise.all([
      eraseCustomer(db, request(person)),
      eraseCustomer(db, request(person)),
    ]);
    expect(results.map((r) => r.replayed).sort()).toEqual([false, true]);
    expect(results[0]!.summary).toEqual(results[1]!.summary);
  });

  it('refuses bad requests naming the field, and changes nothing', async () => {
    const person = await customerWithHistory(db, 'erase refused');
    await expect(eraseCustomer(db, { ...request(person), reason: ' ' })).rejects.toMatchObject({
      name: 'GdprInputError',
      field: 'reason',
    });
    await expect(eraseCustomer(db, { ...request(person), requestedBy: '' })).rejects.toBeInstanceOf(
      GdprInputError,
    );
    // The record outlives the erasure, so it must not carry the address.
    await expect(
      eraseCustomer(db, { ...request(person), reason: `Mail from ${person.email.toUpperCase()}` }),
    ).rejects.toMatchObject({ field: 'reason' });
    // Another workspace's customer reads as missing.
    const other = await customerWithHistory(db, 'erase other workspace');
    await expect(
      eraseCustomer(db, { ...request(person), workspaceId: other.workspaceId }),
    ).rejects.toBeInstanceOf(GdprCustomerNotFoundError);
    const [customer] = await db.select().from(customers).where(eq(customers.id, person.customerId));
    expect(customer).toMatchObject({ email: person.email, erasedAt: null });
  });

  it('an erased customer enters no journey, scan, segment or member page again', async () => {
    const person = await customerWithHistory(db, 'erase excluded');
    const today = new Date().toISOString().slice(5, 10);
    const signupScan = () =>
      anniversaryCandidatesPage(db, {
        workspaceId: person.workspaceId,
        source: { kind: 'signup' },
        monthDays: [today],
        afterId: null,
        limit: 100,
      });
    expect((await signupScan()).map((c) => c.id)).toContain(person.customerId);

    await eraseCustomer(db, request(person));

    expect((await signupScan()).map((c) => c.id)).not.toContain(person.customerId);
    // Neither the workspace's evaluation nor the customer's own puts them back in a segment.
    await evaluateSegment(db, person.workspaceId, person.segmentId);
    await evaluateCustomerSegments(db, person.workspaceId, person.customerId);
    const memberships = await db
      .select()
      .from(segmentMemberships)
      .where(eq(segmentMemberships.customerId, person.customerId));
    expect(memberships).toEqual([]);
    expect(
      await getMemberPageData(db, person.workspaceId, person.customerId, { expiringWithinDays: 30 }),
    ).toBeNull();
    // An event of the tombstone (its ledger still emits some) is not routed: no Temporal call.
    const outcome = await routeEvent(
      { db, client: {} as Client, taskQueue: 'unused' },
      {
        eventId: 'evt_x',
        workspaceId: person.workspaceId,
        customerId: person.customerId,
        name: 'points_expiring',
        properties: {},
        occurredAt: new Date(),
      },
    );
    expect(outcome).toMatchObject({
      note: 'not routed: the customer was erased',
      started: [],
      signalled: [],
    });
  });

  it('a later event for the old shop id creates a new, unrelated customer', async () => {
    const person = await customerWithHistory(db, 'erase then return');
    await eraseCustomer(db, request(person));
    const fresh = await upsertCustomer(
      db,
      { workspaceId: person.workspaceId, externalId: person.externalId, email: person.email },
      { createWithoutEmail: true },
    );
    expect(fresh.created).toBe(true);
    expect(fresh.id).not.toBe(person.customerId);
    await emitEvent(db, {
      workspaceId: person.workspaceId,
      customerId: fresh.id,
      name: 'Newsletter Signup',
      properties: {},
      messageId: randomUUID(),
      source: 'api',
    });
    const [tombstone] = await db.select().from(customers).where(eq(customers.id, person.customerId));
    expect(tombstone!.email).toBeNull();
  });

  it('leaves other customers of the workspace alone', async () => {
    const person = await customerWithHistory(db, 'erase neighbour');
    const neighbour = await createTestCustomer(db, person.workspaceId, { firstName: 'Nina' });
    await eraseCustomer(db, request(person));
    const [row] = await db.select().from(customers).where(eq(customers.id, neighbour.id));
    expect(row).toMatchObject({ email: neighbour.email, firstName: 'Nina', erasedAt: null });
  });
});
