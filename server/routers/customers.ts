import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client';
import { adjustPoints, adjustRequestSchema } from '../../db/ledger/adjust';
import { getAccountWithEntries, getCustomerLots } from '../../db/ledger/read';
import { reasonField } from '../../db/ledger/request-fields';
import { listReversalShortfalls } from '../../db/ledger/shortfalls';
import { customers } from '../../db/schema';
import { listCustomerMessages } from '../customers/customer-messages';
import { listCustomers } from '../customers/list-customers';
import { opaqueIdSchema } from '../ids';
import { createCustomerLink } from '../customer-links';
import { ledgerTRPCError } from '../ledger-trpc-error';
import { createTRPCRouter, editProcedure, readProcedure } from '../trpc';

/**
 * A manual adjustment from the admin page, checked here with the ledger's own field rules,
 * so the form gets per-field issues (`data.inputIssues`) before the ledger is asked at all.
 */
const adjustInputSchema = z.object({
  customerId: opaqueIdSchema,
  points: adjustRequestSchema.shape.points,
  reason: reasonField,
  /** Made once per submission in the browser and kept across its retries, so it applies once. */
  idempotencyKey: z.string().min(1).max(100),
});

/** The ledger's errors as tRPC errors the UI can word; the cause travels to the error formatter. */
function toTRPCError(error: unknown): unknown {
  return ledgerTRPCError(error) ?? error;
}

/** Another workspace's customer reads as one that does not exist. */
async function requireCustomerId(db: Executor, workspaceId: string, id: string): Promise<string> {
  const [customer] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.id, id), eq(customers.workspaceId, workspaceId)));
  if (!customer) throw new TRPCError({ code: 'NOT_FOUND', message: 'This customer does not exist.' });
  return customer.id;
}

export const customersRouter = createTRPCRouter({
  list: readProcedure
    .input(z.object({ search: z.string().trim().max(100).optional() }).optional())
    .query(({ ctx, input }) =>
      listCustomers(ctx.db, ctx.workspaceId, { search: input?.search || undefined, limit: 500 }),
    ),

  get: readProcedure.input(z.object({ id: opaqueIdSchema })).query(async ({ ctx, input }) => {
    const [customer] = await ctx.db
      .select({
        id: customers.id,
        externalId: customers.externalId,
        email: customers.email,
        firstName: customers.firstName,
        lastName: customers.lastName,
        birthday: customers.birthday,
        timeZone: customers.timeZone,
        locale: customers.locale,
        marketingConsent: customers.marketingConsent,
        createdAt: customers.createdAt,
        erasedAt: customers.erasedAt,
      })
      .from(customers)
      .where(and(eq(customers.id, input.id), eq(customers.workspaceId, ctx.workspaceId)));
    if (!customer) throw new TRPCError({ code: 'NOT_FOUND', message: 'This customer does not exist.' });
    const [ledger, lots, shortfalls, messages] = await Promise.all([
      getAccountWithEntries(ctx.db, ctx.workspaceId, customer.id),
      getCustomerLots(ctx.db, ctx.workspaceId, customer.id),
      listReversalShortfalls(ctx.db, ctx.workspaceId, { customerId: customer.id }),
      listCustomerMessages(ctx.db, ctx.workspaceId, customer.id),
    ]);
    return {
      customer,
      balance: ledger.account?.balance ?? 0,
      entries: ledger.entries,
      lots,
      shortfalls,
      messages,
    };
  }),

  /** A signed link to the customer's member page, for support to send. */
  memberLink: readProcedure
    .input(z.object({ customerId: opaqueIdSchema }))
    .mutation(async ({ ctx, input }) => {
      const [customer] = await ctx.db
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.workspaceId, ctx.workspaceId), eq(customers.id, input.customerId)));
      if (!customer) throw new TRPCError({ code: 'NOT_FOUND', message: 'This customer does not exist.' });
      return createCustomerLink({ customerId: customer.id, workspaceId: ctx.workspaceId }, 'member');
    }),

  adjustPoints: editProcedure.input(adjustInputSchema).mutation(async ({ ctx, input }) => {
    const customerId = await requireCustomerId(ctx.db, ctx.workspaceId, input.customerId);
    try {
      const result = await adjustPoints(ctx.db, {
        workspaceId: ctx.workspaceId,
        customerId,
        points: input.points,
        reason: input.reason,
        // Scoped to the admin page, so a browser's key can never match a journey's own keys.
        idempotencyKey: `admin-adjust:${input.idempotencyKey}`,
        source: { via: 'admin-customer-page' },
      });
      return {
        entryId: result.entryId,
        points: result.points,
        balance: result.balance,
        lotId: result.lotId,
        replayed: result.replayed,
      };
    } catch (error) {
      throw toTRPCError(error);
    }
  }),
});
