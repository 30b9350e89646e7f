import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Transaction } from '../client';
import { lockAccount } from '../ledger/account';
import { customerIdField, parseLedgerRequest, workspaceIdField } from '../ledger/request-fields';
import { loyaltyAccounts } from '../schema';
import { applyTierChange } from './apply-tier-change';
import { qualifyingValues } from './qualifying-value';
import { getTierLadder, tierForValue } from './tier-ladder';
import { getTierSettings } from './tier-settings';

export const reevaluateTierRequestSchema = z.object({
  workspaceId: workspaceIdField,
  customerId: customerIdField,
  /** Why the tier is evaluated (`order:<ref>`, `award`, `journey:<run>:<step>`): kept in `tier_changes.cause`. */
  cause: z.string().trim().min(1, 'a cause is required').max(300),
});

export type ReevaluateTierRequest = z.input<typeof reevaluateTierRequestSchema>;

export interface ReevaluateTierResult {
  /** The member's tier after the evaluation (null: none). */
  tierId: string | null;
  changed: boolean;
}

/**
 * Upgrades the member when their qualifying value (see `qualifyingValues`) now reaches
 * a tier above the one they hold; never moves them down: downgrades happen only at the
 * start of a review period (`reviewTiers`), so a tier once reached is kept at least for
 * the rest of its period. Runs in the caller's transaction (say, the one recording an
 * order, after its earn entry) under the account's row lock, so the change, its history
 * row and its `tier_changed` event commit with what caused them, and two evaluations of
 * one member at once make one change. Calling it again changes nothing: it is idempotent
 * by state, not by key.
 */
export async function reevaluateTier(
  tx: Transaction,
  input: ReevaluateTierRequest,
): Promise<ReevaluateTierResult> {
  const request = parseLedgerRequest(reevaluateTierRequestSchema, input);
  const account = await lockAccount(tx, request.workspaceId, request.customerId);
  const [held] = await tx
    .select({ tierId: loyaltyAccounts.tierId })
    .from(loyaltyAccounts)
    .where(and(eq(loyaltyAccounts.workspaceId, request.workspaceId), eq(loyaltyAccounts.id, account.id)));
  const currentTierId = held?.tierId ?? null;
  const ladder = await getTierLadder(tx, request.workspaceId);
  if (ladder.length === 0) return { tierId: currentTierId, changed: false };

  const settings = await getTierSettings(tx, request.workspaceId);
  const values = await qualifyingValues(tx, {
    workspaceId: request.workspaceId,
    settings,
    accounts: [{ accountId: account.id, customerId: request.customerId }],
    windowEnd: null,
  });
  const value = values.get(account.id) ?? 0;
  const current = ladder.find((tier) => tier.id === currentTierId) ?? null;
  const reached = tierForValue(ladder, value);
  if (!reached || (current && reached.threshold <= current.threshold))
    return { tierId: currentTierId, changed: false };

  await applyTierChange(tx, {
    workspaceId: request.workspaceId,
    accountId: account.id,
    customerId: request.customerId,
    from: current,
    to: reached,
    direction: 'upgrade',
    qualifyingValue: value,
    basis: settings.basis,
    cause: request.cause,
  });
  return { tierId: reached.id, changed: true };
}

/**
 * `reevaluateTier` in a transaction of its own: the journeys' "recalculate tier" step and
 * the admin page. The same upgrade-only rule.
 */
export async function recalculateTier(
  db: Database,
  input: ReevaluateTierRequest,
): Promise<ReevaluateTierResult> {
  return db.transaction((tx) => reevaluateTier(tx, input));
}
