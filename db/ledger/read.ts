import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { ledgerEntries, loyaltyAccounts, pointLots } from '../schema';

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
