import { TRPCError } from '@trpc/server';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { VoucherNotUsableError } from '../../db/rewards/errors';
import { rewardInputSchema } from '../../db/rewards/reward-input';
import { createReward, getReward, listRewards, removeReward, updateReward } from '../../db/rewards/rewards';
import { listCustomerVouchers, voidVoucher } from '../../db/rewards/vouchers';
import { customers, tiers, workspaces } from '../../db/schema';
import { opaqueIdSchema } from '../ids';
import { ledgerTRPCError } from '../ledger-trpc-error';
import { createTRPCRouter, editProcedure, readProcedure } from '../trpc';

/** Domain errors as tRPC errors the UI can word; field errors arrive on their field. */
function toTRPCError(error: unknown): unknown {
  const ledger = ledgerTRPCError(error);
  if (ledger) return ledger;
  if (error instanceof VoucherNotUsableError)
    return new TRPCError({
      code: error.reason === 'not_found' ? 'NOT_FOUND' : 'CONFLICT',
      message: error.message,
      cause: error,
    });
  return error;
}

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toTRPCError(error);
  }
}

const notFound = () => new TRPCError({ code: 'NOT_FOUND', message: 'This reward does not exist.' });

export const rewardsRouter = createTRPCRouter({
  /** The catalog with what its form needs: the workspace currency and its tiers. */
  list: readProcedure.query(async ({ ctx }) => {
    const [workspace] = await ctx.db
      .select({ currency: workspaces.currency })
      .from(workspaces)
      .where(eq(workspaces.id, ctx.workspaceId));
    const [rewards, tierOptions] = await Promise.all([
      listRewards(ctx.db, ctx.workspaceId),
      ctx.db
        .select({ id: tiers.id, name: tiers.name, threshold: tiers.threshold })
        .from(tiers)
        .where(eq(tiers.workspaceId, ctx.workspaceId))
        .orderBy(asc(tiers.threshold)),
    ]);
    return { currency: workspace?.currency ?? 'EUR', tiers: tierOptions, rewards };
  }),

  get: readProcedure.input(z.object({ id: opaqueIdSchema })).query(async ({ ctx, input }) => {
    const reward = await getReward(ctx.db, ctx.workspaceId, input.id);
    if (!reward) throw notFound();
    return reward;
  }),

  create: editProcedure
    .input(rewardInputSchema)
    .mutation(({ ctx, input }) => guarded(() => createReward(ctx.db, ctx.workspaceId, input))),

  update: editProcedure
    .input(rewardInputSchema.and(z.object({ id: opaqueIdSchema })))
    .mutation(async ({ ctx, input }) => {
      const { id, ...reward } = input;
      const updated = await guarded(() => updateReward(ctx.db, ctx.workspaceId, id, reward));
      if (!updated) throw notFound();
      return updated;
    }),

  /** Deleted while nobody holds a voucher for it, else archived (inactive). */
  archive: editProcedure.input(z.object({ id: opaqueIdSchema })).mutation(async ({ ctx, input }) => {
    const outcome = await removeReward(ctx.db, ctx.workspaceId, input.id);
    if (outcome === 'not_found') throw notFound();
    return { outcome };
  }),

  customerVouchers: readProcedure
    .input(z.object({ customerId: opaqueIdSchema }))
    .query(async ({ ctx, input }) => {
      const [customer] = await ctx.db
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.workspaceId, ctx.workspaceId), eq(customers.id, input.customerId)));
      if (!customer) throw new TRPCError({ code: 'NOT_FOUND', message: 'This customer does not exist.' });
      return listCustomerVouchers(ctx.db, ctx.workspaceId, customer.id);
    }),

  /** An unused voucher becomes void; its points and stock come back. */
  voidVoucher: editProcedure
    .input(z.object({ voucherId: opaqueIdSchema, reason: z.string().trim().min(1).max(150) }))
    .mutation(({ ctx, input }) =>
      guarded(() => voidVoucher(ctx.db, { workspaceId: ctx.workspaceId, ...input })),
    ),
});
