import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { customers, workspaces } from '../../db/schema';
import { deleteTier } from '../../db/tiers/delete-tier';
import { TierInUseError, TierNotFoundError } from '../../db/tiers/errors';
import { listTiers } from '../../db/tiers/list-tiers';
import { createTier, updateTier } from '../../db/tiers/save-tier';
import { tierFieldsSchema } from '../../db/tiers/tier-fields';
import { getTierHistory } from '../../db/tiers/tier-history';
import { getTierProgress } from '../../db/tiers/tier-progress';
import { getTierSettings } from '../../db/tiers/tier-settings';
import { opaqueIdSchema } from '../ids';
import { ledgerTRPCError } from '../ledger-trpc-error';
import { assertNotUsedByJourneys } from '../journeys/journeys-referencing';
import { createTRPCRouter, editProcedure, readProcedure } from '../trpc';

/**
 * The tiers' errors as tRPC errors the UI can word: a taken name or threshold arrives on
 * its field (as a zod issue, so `data.inputIssues` names it); a tier still in use is a
 * PRECONDITION_FAILED the page explains from the counts it already shows.
 */
function toTRPCError(error: unknown): unknown {
  const ledger = ledgerTRPCError(error);
  if (ledger) return ledger;
  if (error instanceof TierInUseError)
    return new TRPCError({ code: 'PRECONDITION_FAILED', message: error.message, cause: error });
  if (error instanceof TierNotFoundError)
    return new TRPCError({ code: 'NOT_FOUND', message: 'This tier does not exist.', cause: error });
  return error;
}

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toTRPCError(error);
  }
}

export const tiersRouter = createTRPCRouter({
  /** The ladder with what the page shows next to it: how thresholds are measured, and in which currency. */
  list: readProcedure.query(async ({ ctx }) => {
    const [tiers, settings, [workspace]] = await Promise.all([
      listTiers(ctx.db, ctx.workspaceId),
      getTierSettings(ctx.db, ctx.workspaceId),
      ctx.db
        .select({ currency: workspaces.currency })
        .from(workspaces)
        .where(eq(workspaces.id, ctx.workspaceId)),
    ]);
    return { tiers, settings, currency: workspace?.currency ?? 'EUR' };
  }),

  create: editProcedure
    .input(tierFieldsSchema)
    .mutation(({ ctx, input }) =>
      guarded(() => createTier(ctx.db, { ...input, workspaceId: ctx.workspaceId })),
    ),

  update: editProcedure.input(tierFieldsSchema.extend({ id: opaqueIdSchema })).mutation(({ ctx, input }) => {
    const { id, ...fields } = input;
    return guarded(() => updateTier(ctx.db, { ...fields, tierId: id, workspaceId: ctx.workspaceId }));
  }),

  delete: editProcedure.input(z.object({ id: opaqueIdSchema })).mutation(({ ctx, input }) =>
    guarded(async () => {
      await assertNotUsedByJourneys(ctx.db, ctx.workspaceId, { kind: 'tier', id: input.id, noun: 'tier' });
      return deleteTier(ctx.db, { workspaceId: ctx.workspaceId, tierId: input.id });
    }),
  ),

  /** A customer's tier, progress and tier history, for the admin customer page. */
  forCustomer: readProcedure.input(z.object({ customerId: opaqueIdSchema })).query(async ({ ctx, input }) => {
    const [customer] = await ctx.db
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.id, input.customerId), eq(customers.workspaceId, ctx.workspaceId)));
    if (!customer) throw new TRPCError({ code: 'NOT_FOUND', message: 'This customer does not exist.' });
    const [workspace] = await ctx.db
      .select({ currency: workspaces.currency })
      .from(workspaces)
      .where(eq(workspaces.id, ctx.workspaceId));
    const [progress, history] = await Promise.all([
      getTierProgress(ctx.db, ctx.workspaceId, customer.id),
      getTierHistory(ctx.db, ctx.workspaceId, customer.id),
    ]);
    return { progress, history, currency: workspace?.currency ?? 'EUR' };
  }),
});
