import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import type { TierSettings } from '../../program/tier-settings';
import { events, eventOutbox, loyaltyAccounts, loyaltyPrograms, tierChanges } from '../../schema';
import { createTier, type TierRow } from '../save-tier';

/** Silver at 100 and Gold at 500 (points or minor units, per the basis). */
export async function createLadder(
  db: Database,
  workspaceId: string,
): Promise<{ silver: TierRow; gold: TierRow }> {
  const silver = await createTier(db, {
    workspaceId,
    name: 'Silver',
    threshold: 100,
    multiplierPercent: 125,
  });
  const gold = await createTier(db, {
    workspaceId,
    name: 'Gold',
    threshold: 500,
    multiplierPercent: 150,
    perks: 'Free shipping',
  });
  return { silver, gold };
}

export async function setTierSettings(
  db: Database,
  workspaceId: string,
  settings: Partial<TierSettings>,
): Promise<void> {
  const value: TierSettings = { basis: 'points', windowMonths: 12, reviewPeriod: 'year', ...settings };
  await db
    .insert(loyaltyPrograms)
    .values({ workspaceId, tierSettings: value })
    .onConflictDoUpdate({ target: loyaltyPrograms.workspaceId, set: { tierSettings: value } });
}

export async function heldTierId(
  db: Database,
  workspaceId: string,
  customerId: string,
): Promise<string | null> {
  const [row] = await db
    .select({ tierId: loyaltyAccounts.tierId })
    .from(loyaltyAccounts)
    .where(and(eq(loyaltyAccounts.workspaceId, workspaceId), eq(loyaltyAccounts.customerId, customerId)));
  return row?.tierId ?? null;
}

export async function tierChangeRows(db: Database, workspaceId: string) {
  return db
    .select()
    .from(tierChanges)
    .where(eq(tierChanges.workspaceId, workspaceId))
    .orderBy(tierChanges.createdAt);
}

/** The workspace's events of one name, each with whether its outbox row exists. */
export async function eventsNamed(db: Database, workspaceId: string, name: string) {
  return db
    .select({
      id: events.id,
      customerId: events.customerId,
      messageId: events.messageId,
      properties: events.properties,
      outboxEventId: eventOutbox.eventId,
    })
    .from(events)
    .leftJoin(eventOutbox, eq(eventOutbox.eventId, events.id))
    .where(and(eq(events.workspaceId, workspaceId), eq(events.name, name)))
    .orderBy(events.occurredAt, events.messageId);
}

/** Moves a customer's earn entries back in time (tests only: entries are immutable in the product). */
export async function backdateEarnings(
  db: Database,
  workspaceId: string,
  customerId: string,
  to: string,
): Promise<void> {
  await db.execute(sql`
    update ledger_entries set created_at = ${to}::timestamptz
    where workspace_id = ${workspaceId} and kind = 'earn'
      and account_id = (select id from loyalty_accounts where workspace_id = ${workspaceId} and customer_id = ${customerId})
  `);
}
