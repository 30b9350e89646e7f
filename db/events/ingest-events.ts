import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database, Executor } from '../client';
import type { CustomerTraits } from '../customers/traits';
import { upsertCustomer } from '../customers/upsert-customer';
import { newId } from '../ids';
import { customers, eventOutbox, events, workspaces } from '../schema';
import { notifyEventOutbox, type EventType } from './emit-event';

/** One message of the tracking API, checked and normalised by the caller. */
export interface IngestMessage {
  type: EventType;
  /** The event's name (`track`), `page`/`screen`, or `identify`. */
  name: string;
  /** The event's properties, or an identify's traits as sent. */
  properties: Record<string, unknown>;
  /** Unique per workspace; a message whose id is stored already is skipped. */
  messageId: string;
  /** The shop's customer id (`customers.external_id`). */
  userId: string | null;
  anonymousId: string | null;
  occurredAt: Date;
  /** For an `identify` with a userId: what to write to the customer's profile. */
  traits?: CustomerTraits;
}

export interface IngestResult {
  /** Messages stored now. */
  stored: number;
  /** Messages whose id was stored before (or repeated within the request): accepted, not stored again. */
  duplicates: number;
  /** Earlier anonymous events an identify linked to their customer. */
  linked: number;
}

/** Rows per INSERT: 1,000 × 11 parameters stays far below Postgres' 65,535. */
const insertChunk = 1_000;

/**
 * Stores a request's messages in one transaction: all of them or none. Each new message
 * becomes an `events` row with its `event_outbox` row, and the dispatcher is woken once at
 * commit. A messageId seen before is accepted and skipped, its identify not applied again.
 *
 * Identity: `userId` is the shop's customer id. An identify creates or updates the customer
 * from its traits (attributes merged, not replaced); any other message for an unknown
 * userId creates the customer without an email. Messages with only an `anonymousId` are
 * stored without a customer; an identify carrying both ids links them to the customer.
 * Linking changes who they belong to but does not route them again: an event whose outbox
 * row was delivered already stays delivered.
 */
export async function ingestEvents(
  db: Database,
  workspaceId: string,
  messages: IngestMessage[],
): Promise<IngestResult> {
  return db.transaction((tx) => ingestEventsInTransaction(tx, workspaceId, messages));
}

export async function ingestEventsInTransaction(
  tx: Executor,
  workspaceId: string,
  messages: IngestMessage[],
): Promise<IngestResult> {
  // A messageId repeated within the request counts once, as the first occurrence.
  const byId = new Map<string, IngestMessage>();
  for (const message of messages) if (!byId.has(message.messageId)) byId.set(message.messageId, message);
  const unique = [...byId.values()];
  const seen = await existingMessageIds(
    tx,
    workspaceId,
    unique.map((m) => m.messageId),
  );
  // A resent message changes nothing, not even the profile its identify once set.
  const fresh = unique.filter((m) => !seen.has(m.messageId));
  if (fresh.length === 0) return { stored: 0, duplicates: messages.length, linked: 0 };

  const customerIds = new Map<string, string>();
  // Identifies in the order sent, so the last one's traits win, as they would one by one.
  for (const message of fresh) {
    if (message.type !== 'identify' || message.userId === null) continue;
    const customer = await upsertCustomer(
      tx,
      {
        workspaceId,
        externalId: message.userId,
        ...message.traits?.fields,
        attributes: message.traits?.attributes,
      },
      { createWithoutEmail: true },
    );
    customerIds.set(message.userId, customer.id);
  }
  // Sorted, like the event rows below: concurrent requests then take the unique index's
  // locks in one order and cannot deadlock on overlapping users or messageIds.
  const unknownUsers = [
    ...new Set(fresh.flatMap((m) => (m.userId !== null && !customerIds.has(m.userId) ? [m.userId] : []))),
  ].sort();
  for (const [externalId, id] of await ensureCustomers(tx, workspaceId, unknownUsers)) {
    customerIds.set(externalId, id);
  }

  const rows = [...fresh]
    .sort((a, b) => (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0))
    .map((message) => ({
      id: newId('evt'),
      workspaceId,
      customerId: message.userId === null ? null : customerIds.get(message.userId)!,
      type: message.type,
      name: message.name,
      properties: message.properties,
      messageId: message.messageId,
      source: 'api',
      userId: message.userId,
      anonymousId: message.anonymousId,
      occurredAt: message.occurredAt,
    }));
  const inserted: string[] = [];
  for (let start = 0; start < rows.length; start += insertChunk) {
    // A concurrent request with the same messageId may have committed since the check
    // above: the unique index decides, and its row is simply not ours to store again.
    const returned = await tx
      .insert(events)
      .values(rows.slice(start, start + insertChunk))
      .onConflictDoNothing({ target: [events.workspaceId, events.messageId] })
      .returning({ id: events.id });
    inserted.push(...returned.map((row) => row.id));
  }
  for (let start = 0; start < inserted.length; start += insertChunk) {
    await tx
      .insert(eventOutbox)
      .values(inserted.slice(start, start + insertChunk).map((eventId) => ({ eventId, workspaceId })));
  }

  let linked = 0;
  for (const message of fresh) {
    if (message.type !== 'identify' || message.userId === null || message.anonymousId === null) continue;
    const customerId = customerIds.get(message.userId)!;
    const updated = await tx
      .update(events)
      .set({ customerId, userId: message.userId })
      .where(
        and(
          eq(events.workspaceId, workspaceId),
          eq(events.anonymousId, message.anonymousId),
          isNull(events.customerId),
        ),
      )
      .returning({ id: events.id });
    linked += updated.length;
  }

  if (inserted.length > 0) await notifyEventOutbox(tx, workspaceId);
  return { stored: inserted.length, duplicates: messages.length - inserted.length, linked };
}

async function existingMessageIds(tx: Executor, workspaceId: string, messageIds: string[]) {
  const seen = new Set<string>();
  for (let start = 0; start < messageIds.length; start += insertChunk) {
    const rows = await tx
      .select({ messageId: events.messageId })
      .from(events)
      .where(
        and(
          eq(events.workspaceId, workspaceId),
          inArray(events.messageId, messageIds.slice(start, start + insertChunk)),
        ),
      );
    for (const row of rows) seen.add(row.messageId);
  }
  return seen;
}

/**
 * The customers the shop knows by these ids, created (without email, in the workspace's
 * language and zone) where they do not exist yet. One INSERT and one SELECT for the lot;
 * the unique (workspace, external id) index settles a concurrent first event of the same user.
 */
async function ensureCustomers(
  tx: Executor,
  workspaceId: string,
  externalIds: string[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (externalIds.length === 0) return ids;
  const [workspace] = await tx
    .select({ locale: workspaces.defaultLocale, timeZone: workspaces.timeZone })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!workspace) throw new Error(`workspace ${workspaceId} does not exist`);
  for (let start = 0; start < externalIds.length; start += insertChunk) {
    const chunk = externalIds.slice(start, start + insertChunk);
    await tx
      .insert(customers)
      .values(
        chunk.map((externalId) => ({
          id: newId('cus'),
          workspaceId,
          externalId,
          email: null,
          locale: workspace.locale,
          timeZone: workspace.timeZone,
        })),
      )
      .onConflictDoNothing({ target: [customers.workspaceId, customers.externalId] });
    const rows = await tx
      .select({ id: customers.id, externalId: customers.externalId })
      .from(customers)
      .where(and(eq(customers.workspaceId, workspaceId), inArray(customers.externalId, chunk)));
    for (const row of rows) ids.set(row.externalId, row.id);
  }
  return ids;
}
