import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { z, ZodRealError } from 'zod';
import { eraseCustomer, erasureRequestSchema } from '../../db/gdpr/erase-customer';
import { GdprCustomerNotFoundError, GdprInputError } from '../../db/gdpr/errors';
import { exportCustomerData } from '../../db/gdpr/export-customer';
import { customers, erasureRequests } from '../../db/schema';
import { opaqueIdSchema } from '../ids';
import { cancelCustomerRuns, listCustomerRuns } from '../temporal/customer-runs';
import { adminProcedure, createTRPCRouter, readProcedure } from '../trpc';

/**
 * The erasure form: the admin types ERASE (no accidental click erases a person), says who
 * they are and why; both are kept in the erasure record.
 */
const eraseInputSchema = z.object({
  customerId: opaqueIdSchema,
  confirm: z.literal('ERASE'),
  requestedBy: erasureRequestSchema.shape.requestedBy,
  reason: erasureRequestSchema.shape.reason,
});

/** The domain's errors as tRPC errors; a field error reaches the form as `inputIssues`. */
function toTRPCError(error: unknown): unknown {
  if (error instanceof GdprCustomerNotFoundError)
    return new TRPCError({ code: 'NOT_FOUND', message: 'This customer does not exist.', cause: error });
  if (error instanceof GdprInputError)
    return new TRPCError({
      code: 'BAD_REQUEST',
      message: error.message,
      cause: new ZodRealError([{ code: 'custom', path: error.field.split('.'), message: error.message }]),
    });
  return error;
}

export const gdprRouter = createTRPCRouter({
  /** Whether the customer was erased, when, by whom and what was removed (the Privacy card). */
  status: readProcedure.input(z.object({ customerId: opaqueIdSchema })).query(async ({ ctx, input }) => {
    const [customer] = await ctx.db
      .select({ id: customers.id, erasedAt: customers.erasedAt })
      .from(customers)
      .where(and(eq(customers.workspaceId, ctx.workspaceId), eq(customers.id, input.customerId)));
    if (!customer) throw new TRPCError({ code: 'NOT_FOUND', message: 'This customer does not exist.' });
    const [request] = await ctx.db
      .select({
        requestedBy: erasureRequests.requestedBy,
        reason: erasureRequests.reason,
        erasedAt: erasureRequests.erasedAt,
        summary: erasureRequests.summary,
      })
      .from(erasureRequests)
      .where(
        and(eq(erasureRequests.workspaceId, ctx.workspaceId), eq(erasureRequests.customerId, customer.id)),
      );
    return { erasedAt: customer.erasedAt, erasure: request ?? null };
  }),

  /** Everything we hold about the customer, as one JSON document (see `exportCustomerData`). */
  export: adminProcedure.input(z.object({ customerId: opaqueIdSchema })).query(async ({ ctx, input }) => {
    try {
      return await exportCustomerData(ctx.db, ctx.workspaceId, input.customerId, {
        journeyRuns: async () =>
          listCustomerRuns((await ctx.temporal()).client, {
            workspaceId: ctx.workspaceId,
            customerId: input.customerId,
          }),
      });
    } catch (error) {
      throw toTRPCError(error);
    }
  }),

  /** Erases the customer (see `eraseCustomer`); repeating it answers the first summary. */
  erase: adminProcedure.input(eraseInputSchema).mutation(async ({ ctx, input }) => {
    try {
      return await eraseCustomer(
        ctx.db,
        {
          workspaceId: ctx.workspaceId,
          customerId: input.customerId,
          requestedBy: input.requestedBy,
          reason: input.reason,
        },
        { cancelRuns: async (target) => cancelCustomerRuns((await ctx.temporal()).client, target) },
      );
    } catch (error) {
      throw toTRPCError(error);
    }
  }),
});
