import { and, eq, sql } from 'drizzle-orm';
import type { Transaction } from '../client';
import { emitEvent } from '../events/emit-event';
import { newId } from '../ids';
import type { TierSettings } from '../program/tier-settings';
import { loyaltyAccounts, tierChanges } from '../schema';

export interface TierChange {
  workspaceId: string;
  accountId: string;
  customerId: string;
  from: { id: string; name: string } | null;
  to: { id: string; name: string } | null;
  direction: 'upgrade' | 'downgrade';
  qualifyingValue: number;
  basis: TierSettings['basis'];
  cause: string;
}

/**
 * Moves a member to another tier: the history row, the account's tier, and the
 * `tier_changed` event (with its outbox row) for journeys, all in the caller's
 * transaction, which must hold the account's row lock: so the three exist together
 * or not at all, and two evaluations of one member cannot both move them.
 */
export async function applyTierChange(tx: Transaction, change: TierChange): Promise<{ changeId: string }> {
  const changeId = newId('tch');
  const [row] = await tx
    .insert(tierChanges)
    .values({
      id: changeId,
      workspaceId: change.workspaceId,
      accountId: change.accountId,
      fromTierId: change.from?.id ?? null,
      toTierId: change.to?.id ?? null,
      direction: change.direction,
      qualifyingValue: change.qualifyingValue,
      cause: change.cause,
      createdAt: sql`statement_timestamp()`,
    })
    .returning({ createdAt: tierChanges.createdAt });
  await tx
    .update(loyaltyAccounts)
    .set({ tierId: change.to?.id ?? null, tierSince: row!.createdAt, updatedAt: sql`now()` })
    .where(
      and(eq(loyaltyAccounts.workspaceId, change.workspaceId), eq(loyaltyAccounts.id, change.accountId)),
    );
  await emitEvent(tx, {
    workspaceId: change.workspaceId,
    customerId: change.customerId,
    name: 'tier_changed',
    properties: {
      fromTierId: change.from?.id ?? null,
      fromTierName: change.from?.name ?? null,
      toTierId: change.to?.id ?? null,
      toTierName: change.to?.name ?? null,
      direction: change.direction,
      qualifyingValue: change.qualifyingValue,
      basis: change.basis,
      cause: change.cause,
    },
    messageId: `tier_changed:${changeId}`,
    source: 'loyalty',
    occurredAt: row!.createdAt,
  });
  return { changeId };
}
