import { TRPCError } from '@trpc/server';
import { z, ZodRealError } from 'zod';
import { getCustomerCompliance } from '../../db/compliance/customer-compliance';
import { suppressionAddressSchema } from '../../db/compliance/fields';
import {
  findSuppression,
  hardSuppressionReasons,
  listSuppressions,
  removeSuppression,
  suppressAddress,
} from '../../db/compliance/suppressions';
import { suppressionReasons } from '../../db/schema';
import { opaqueIdSchema } from '../ids';
import { ledgerTRPCError } from '../ledger-trpc-error';
import { createTRPCRouter, editProcedure, readProcedure } from '../trpc';

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw ledgerTRPCError(error) ?? error;
  }
}

/** A refusal about one input field, shown next to it like a validation error. */
function fieldError(field: string, message: string): TRPCError {
  const cause = new ZodRealError([{ code: 'custom', path: [field], message }]);
  return new TRPCError({ code: 'BAD_REQUEST', message: `${field}: ${message}`, cause });
}

/**
 * The workspace's suppression list (addresses no mail goes to) and a customer's consent
 * state for the customer page. Entries an admin adds are `manual` with source `admin`.
 */
export const suppressionsRouter = createTRPCRouter({
  list: readProcedure
    .input(
      z
        .object({
          search: z.string().trim().max(254).optional(),
          reason: z.enum(suppressionReasons).optional(),
          /** `nextCursor` of the previous page. */
          cursor: z.string().max(320).nullish(),
          limit: z.number().int().min(1).max(200).default(50),
        })
        .optional(),
    )
    .query(({ ctx, input }) =>
      guarded(() =>
        listSuppressions(ctx.db, {
          workspaceId: ctx.workspaceId,
          search: input?.search || undefined,
          reason: input?.reason,
          after: input?.cursor ?? undefined,
          limit: input?.limit,
        }),
      ),
    ),

  add: editProcedure
    .input(
      z.object({
        address: suppressionAddressSchema,
        detail: z.string().trim().max(500, 'must be at most 500 characters').optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      guarded(() =>
        suppressAddress(ctx.db, {
          workspaceId: ctx.workspaceId,
          address: input.address,
          reason: 'manual',
          detail: input.detail || null,
          source: 'admin',
        }),
      ),
    ),

  /**
   * Lifts a suppression. A bounce or complaint is a fact about the mailbox, not a setting:
   * removing one needs `confirm: true` (the admin says the address works again), or the
   * request is refused on the `confirm` field and nothing changes.
   */
  remove: editProcedure
    .input(z.object({ address: z.string().trim().min(1).max(320), confirm: z.boolean().default(false) }))
    .mutation(async ({ ctx, input }) => {
      const reasons = input.confirm
        ? [...suppressionReasons]
        : suppressionReasons.filter((reason) => !hardSuppressionReasons.includes(reason));
      const removed = await guarded(() =>
        removeSuppression(ctx.db, { workspaceId: ctx.workspaceId, address: input.address, reasons }),
      );
      if (removed) return { removed };
      const existing = await findSuppression(ctx.db, ctx.workspaceId, input.address);
      if (existing)
        throw fieldError(
          'confirm',
          `the address is suppressed as ${existing.reason}: confirm that it receives mail again to remove it`,
        );
      throw new TRPCError({ code: 'NOT_FOUND', message: 'This address is not on the suppression list.' });
    }),

  /** Consent with its source and time, topic opt-outs and the address's suppression, for the customer page. */
  customer: readProcedure.input(z.object({ customerId: opaqueIdSchema })).query(async ({ ctx, input }) => {
    const compliance = await getCustomerCompliance(ctx.db, ctx.workspaceId, input.customerId);
    if (!compliance) throw new TRPCError({ code: 'NOT_FOUND', message: 'This customer does not exist.' });
    return compliance;
  }),
});
