import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../client';
import { loyaltyPrograms } from '../schema';
import { expiryRuleSchema, neverExpires, type ExpiryRule } from './expiry-rule';
import { parseLedgerRequest, workspaceIdField } from './request-fields';

const setProgramExpirySchema = z.object({ workspaceId: workspaceIdField, pointsExpiry: expiryRuleSchema });

/** The expiry an award gets when it does not name one; never, until a program says otherwise. */
export async function getProgramExpiry(db: Executor, workspaceId: string): Promise<ExpiryRule> {
  const [row] = await db
    .select({ pointsExpiry: loyaltyPrograms.pointsExpiry })
    .from(loyaltyPrograms)
    .where(eq(loyaltyPrograms.workspaceId, workspaceId));
  return row?.pointsExpiry ?? neverExpires;
}

/**
 * Sets the program's default expiry. Applies to points earned from now on: lots keep the
 * expiry they were earned with, as their members were told.
 */
export async function setProgramExpiry(
  db: Executor,
  input: z.input<typeof setProgramExpirySchema>,
): Promise<ExpiryRule> {
  const request = parseLedgerRequest(setProgramExpirySchema, input);
  await db
    .insert(loyaltyPrograms)
    .values({ workspaceId: request.workspaceId, pointsExpiry: request.pointsExpiry })
    .onConflictDoUpdate({
      target: loyaltyPrograms.workspaceId,
      set: { pointsExpiry: request.pointsExpiry, updatedAt: sql`now()` },
    });
  return request.pointsExpiry;
}
