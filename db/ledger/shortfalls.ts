import { and, desc, eq, gt } from 'drizzle-orm';
import type { Executor } from '../client';
import { loyaltyAccounts, pointReversals } from '../schema';

export interface ReversalShortfall {
  entryId: string;
  customerId: string;
  orderRef: string;
  currency: string;
  refundAmount: number;
  pointsDue: number;
  pointsTaken: number;
  shortfall: number;
  createdAt: Date;
}

/**
 * Refunds whose points had already been spent and were not on the balance any more,
 * newest first: the ledger never goes negative, so admins decide what to do about these.
 */
export async function listReversalShortfalls(
  db: Executor,
  workspaceId: string,
  /** `customerId` narrows the list to one customer, for their admin page. */
  options: { limit?: number; customerId?: string } = {},
): Promise<ReversalShortfall[]> {
  return db
    .select({
      entryId: pointReversals.entryId,
      customerId: loyaltyAccounts.customerId,
      orderRef: pointReversals.orderRef,
      currency: pointReversals.currency,
      refundAmount: pointReversals.refundAmount,
      pointsDue: pointReversals.pointsDue,
      pointsTaken: pointReversals.pointsTaken,
      shortfall: pointReversals.shortfall,
      createdAt: pointReversals.createdAt,
    })
    .from(pointReversals)
    .innerJoin(loyaltyAccounts, eq(loyaltyAccounts.id, pointReversals.accountId))
    .where(
      and(
        eq(pointReversals.workspaceId, workspaceId),
        gt(pointReversals.shortfall, 0),
        options.customerId === undefined ? undefined : eq(loyaltyAccounts.customerId, options.customerId),
      ),
    )
    .orderBy(desc(pointReversals.createdAt))
    .limit(options.limit ?? 200);
}
