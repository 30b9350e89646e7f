import { and, count, eq, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../client';
import { parseLedgerRequest, workspaceIdField } from '../ledger/request-fields';
import { loyaltyAccounts, rewards, tierChanges, tiers } from '../schema';
import { TierInUseError, TierNotFoundError } from './errors';

const deleteTierSchema = z.object({ workspaceId: workspaceIdField, tierId: z.string().min(1) });

/**
 * Deletes a tier nobody depends on. Refused while members hold it or rewards require it
 * (move the rewards to another tier; members leave at the period review), and once
 * members have held it, since their tier history names it: rename it instead.
 * The tier row is locked first, so a member moving into it meanwhile (which needs the
 * row for its foreign key) waits, and the count is exact.
 */
export async function deleteTier(db: Database, input: z.input<typeof deleteTierSchema>): Promise<void> {
  const request = parseLedgerRequest(deleteTierSchema, input);
  await db.transaction(async (tx) => {
    const [tier] = await tx
      .select({ id: tiers.id })
      .from(tiers)
      .where(and(eq(tiers.workspaceId, request.workspaceId), eq(tiers.id, request.tierId)))
      .for('update');
    if (!tier) throw new TierNotFoundError(request.tierId);
    const [[members], [requiring], [history]] = await Promise.all([
      tx
        .select({ n: count() })
        .from(loyaltyAccounts)
        .where(
          and(eq(loyaltyAccounts.workspaceId, request.workspaceId), eq(loyaltyAccounts.tierId, tier.id)),
        ),
      tx
        .select({ n: count() })
        .from(rewards)
        .where(and(eq(rewards.workspaceId, request.workspaceId), eq(rewards.minTierId, tier.id))),
      tx
        .select({ n: count() })
        .from(tierChanges)
        .where(
          and(
            eq(tierChanges.workspaceId, request.workspaceId),
            or(eq(tierChanges.fromTierId, tier.id), eq(tierChanges.toTierId, tier.id)),
          ),
        ),
    ]);
    const usage = { members: members!.n, rewards: requiring!.n, historyRows: history!.n };
    if (usage.members + usage.rewards + usage.historyRows > 0) throw new TierInUseError(tier.id, usage);
    await tx.delete(tiers).where(and(eq(tiers.workspaceId, request.workspaceId), eq(tiers.id, tier.id)));
  });
}
