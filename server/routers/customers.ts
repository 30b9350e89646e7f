import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getAccountWithEntries } from '../../db/ledger/read';
import { customers } from '../../db/schema';
import { listCustomerMessages } from '../customers/customer-messages';
import { listCustomers } from '../customers/list-customers';
import { opaqueIdSchema } from '../ids';
import { createTRPCRouter, workspaceProcedure } from '../trpc';

export const customersRouter = createTRPCRouter({
  list: workspaceProcedure
    .input(z.object({ search: z.string().trim().max(100).optional() }).optional())
    .query(({ ctx, input }) =>
      listCustomers(ctx.db, ctx.workspaceId, { search: input?.search || undefined, limit: 500 }),
    ),

  get: workspaceProcedure.input(z.object({ id: opaqueIdSchema })).query(async ({ ctx, input }) => {
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
      })
      .from(customers)
      .where(and(eq(customers.id, input.id), eq(customers.workspaceId, ctx.workspaceId)));
    if (!customer) throw new TRPCError({ code: 'NOT_FOUND', message: 'This customer does not exist.' });
    const [ledger, messages] = await Promise.all([
      getAccountWithEntries(ctx.db, ctx.workspaceId, customer.id),
      listCustomerMessages(ctx.db, ctx.workspaceId, customer.id),
    ]);
    return { customer, balance: ledger.account?.balance ?? 0, entries: ledger.entries, messages };
  }),
});
