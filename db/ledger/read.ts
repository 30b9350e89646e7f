import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { ledgerEntries, lotConsumptions, loyaltyAccounts, pointLots } from '../schema';

export interface LedgerEntryView {
  id: string;
  kind: (typeof ledgerEntries.$inferSelect)['kind'];
  points: number;
  balanceAfter: number;
  reason: string;
  createdAt: Date;
  /** Only earn entries have a lot; null for other kinds. */
  lot: { expiresAt: Date | null; pointsRemaining: number } | null;
}

export interface AccountWithEntries {
  account: { id: string; balance: number; updatedAt: Date } | null;
  entries: LedgerEntryView[];
}

/**
 * A customer's loyalty account and its entries, newest first, each earn entry with the
 * lot it created. A customer who never earned has no account yet: balance 0, no entries.
 */
export async function getAccountWithEntries(
  db: Executor,
  workspaceId: string,
  customerId: string,
  options: { limit?: number } = {},
): Promise<AccountWithEntries> {
  const [account] = await db
    .select({
      id: loyaltyAccounts.id,
      balance: loyaltyAccounts.balance,
      updatedAt: loyaltyAccounts.updatedAt,
    })
    .from(loyaltyAccounts)
    .where(and(eq(loyaltyAccounts.workspaceId, workspaceId), eq(loyaltyAccounts.customerId, customerId)));
  if (!account) return { account: null, entries: [] };

  const rows = await db
    .select({
      id: ledgerEntries.id,
      kind: ledgerEntries.kind,
      points: ledgerEntries.points,
      balanceAfter: ledgerEntries.balanceAfter,
      reason: ledgerEntries.reason,
      createdAt: ledgerEntries.createdAt,
      lotId: pointLots.id,
      lotExpiresAt: pointLots.expiresAt,
      lotPointsRemaining: pointLots.pointsRemaining,
    })
    .from(ledgerEntries)
    .leftJoin(pointLots, and(eq(pointLots.entryId, ledgerEntries.id), eq(pointLots.workspaceId, workspaceId)))
    .where(and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.accountId, account.id)))
    .orderBy(desc(ledgerEntries.createdAt))
    .limit(options.limit ?? 500);

  return {
    account,
    entries: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      points: row.points,
      balanceAfter: row.balanceAfter,
      reason: row.reason,
      createdAt: row.createdAt,
      lot:
        row.lotId === null
          ? null
          : { expiresAt: row.lotExpiresAt, pointsRemaining: row.lotPointsRemaining ?? 0 },
    })),
  };
}

export type LotStatus = 'open' | 'used_up' | 'expired';

export interface LotView {
  id: string;
  pointsEarned: number;
  pointsRemaining: number;
  /** Null: never expires. */
  expiresAt: Date | null;
  createdAt: Date;
  status: LotStatus;
}

/**
 * A customer's point lots, newest first, with what is left of each. A lot is `expired`
 * once its expiry has passed with points still in it (whether or not the expiry job has
 * taken them yet) or when an `expire` entry emptied it; emptied by spending, it is `used_up`.
 */
export async function getCustomerLots(
  db: Executor,
  workspaceId: string,
  customerId: string,
  options: { limit?: number; now?: Date } = {},
): Promise<LotView[]> {
  const now = options.now ?? new Date();
  const rows = await db
    .select({
      id: pointLots.id,
      pointsEarned: pointLots.pointsEarned,
      pointsRemaining: pointLots.pointsRemaining,
      expiresAt: pointLots.expiresAt,
      createdAt: pointLots.createdAt,
      // Every point that left a lot is traced in lot_consumptions, so "taken by expiry" is a lookup.
      expiredByJob: sql<boolean>`exists (
        select 1 from ${lotConsumptions}
        join ${ledgerEntries} on ${ledgerEntries.id} = ${lotConsumptions.entryId}
        where ${lotConsumptions.lotId} = ${pointLots.id}
          and ${lotConsumptions.workspaceId} = ${workspaceId}
          and ${ledgerEntries.kind} = 'expire'
      )`,
    })
    .from(pointLots)
    .innerJoin(loyaltyAccounts, eq(loyaltyAccounts.id, pointLots.accountId))
    .where(
      and(
        eq(pointLots.workspaceId, workspaceId),
        eq(loyaltyAccounts.workspaceId, workspaceId),
        eq(loyaltyAccounts.customerId, customerId),
      ),
    )
    .orderBy(desc(pointLots.createdAt), desc(pointLots.id))
    .limit(options.limit ?? 500);

  return rows.map(({ expiredByJob, ...lot }) => ({
    ...lot,
    status: lotStatus(lot, expiredByJob, now),
  }));
}

function lotStatus(
  lot: { pointsRemaining: number; expiresAt: Date | null },
  expiredByJob: boolean,
  now: Date,
): LotStatus {
  if (lot.pointsRemaining > 0)
    return lot.expiresAt !== null && lot.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open';
  return expiredByJob ? 'expired' : 'used_up';
}
