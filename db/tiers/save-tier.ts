import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../client';
import { newId } from '../ids';
import { LedgerInputError } from '../ledger/errors';
import { parseLedgerRequest, workspaceIdField } from '../ledger/request-fields';
import { tiers } from '../schema';
import { TierNotFoundError } from './errors';
import { tierFieldsSchema } from './tier-fields';

const createTierSchema = tierFieldsSchema.extend({ workspaceId: workspaceIdField });
const updateTierSchema = tierFieldsSchema.extend({
  workspaceId: workspaceIdField,
  tierId: z.string().min(1),
});

export type CreateTierRequest = z.input<typeof createTierSchema>;
export type UpdateTierRequest = z.input<typeof updateTierSchema>;
export type TierRow = typeof tiers.$inferSelect;

/**
 * Adds a tier. Members move into it at their next evaluation (an order, an award, a
 * journey's "recalculate tier"); nobody is moved by the edit itself.
 */
export async function createTier(db: Executor, input: CreateTierRequest): Promise<TierRow> {
  const request = parseLedgerRequest(createTierSchema, input);
  return refuseDuplicates(async () => {
    const [row] = await db
      .insert(tiers)
      .values({
        id: newId('tier'),
        workspaceId: request.workspaceId,
        name: request.name,
        threshold: request.threshold,
        multiplierPercent: request.multiplierPercent,
        perks: request.perks,
      })
      .returning();
    return row!;
  });
}

/**
 * Changes a tier. A raised threshold does not take the tier from anyone (downgrades
 * happen only at the period review); a lowered one lets members in at their next evaluation.
 */
export async function updateTier(db: Executor, input: UpdateTierRequest): Promise<TierRow> {
  const request = parseLedgerRequest(updateTierSchema, input);
  return refuseDuplicates(async () => {
    const [row] = await db
      .update(tiers)
      .set({
        name: request.name,
        threshold: request.threshold,
        multiplierPercent: request.multiplierPercent,
        perks: request.perks,
        updatedAt: sql`now()`,
      })
      .where(and(eq(tiers.workspaceId, request.workspaceId), eq(tiers.id, request.tierId)))
      .returning();
    if (!row) throw new TierNotFoundError(request.tierId);
    return row;
  });
}

/** Names and thresholds are unique per workspace: the unique index decides, even between two racing admins. */
async function refuseDuplicates<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const cause = (error as { cause?: { code?: string; constraint_name?: string } }).cause ?? error;
    const { code, constraint_name: constraint } = cause as { code?: string; constraint_name?: string };
    if (code === '23505' && constraint === 'tiers_workspace_name')
      throw new LedgerInputError('name', 'another tier already has this name');
    if (code === '23505' && constraint === 'tiers_workspace_threshold')
      throw new LedgerInputError('threshold', 'another tier already has this threshold');
    throw error;
  }
}
