import { TRPCError } from '@trpc/server';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { smtpSinkMessages } from '../../db/schema';
import { createTRPCRouter, sinkProcedure } from '../trpc';

export const inboxRouter = createTRPCRouter({
  list: sinkProcedure
    .input(z.object({ limit: z.number().int().min(1).max(500).default(200) }).optional())
    .query(({ ctx, input }) =>
      ctx.db
        .select({
          id: smtpSinkMessages.id,
          to: smtpSinkMessages.toHeader,
          envelopeTo: smtpSinkMessages.envelopeTo,
          from: smtpSinkMessages.fromHeader,
          subject: smtpSinkMessages.subject,
          receivedAt: smtpSinkMessages.receivedAt,
        })
        .from(smtpSinkMessages)
        .orderBy(desc(smtpSinkMessages.receivedAt))
        .limit(input?.limit ?? 200),
    ),

  get: sinkProcedure.input(z.object({ id: z.string().min(1).max(200) })).query(async ({ ctx, input }) => {
    const [message] = await ctx.db
      .select({
        id: smtpSinkMessages.id,
        to: smtpSinkMessages.toHeader,
        envelopeFrom: smtpSinkMessages.envelopeFrom,
        envelopeTo: smtpSinkMessages.envelopeTo,
        from: smtpSinkMessages.fromHeader,
        subject: smtpSinkMessages.subject,
        messageId: smtpSinkMessages.messageId,
        headers: smtpSinkMessages.headers,
        html: smtpSinkMessages.html,
        text: smtpSinkMessages.text,
        receivedAt: smtpSinkMessages.receivedAt,
      })
      .from(smtpSinkMessages)
      .where(eq(smtpSinkMessages.id, input.id));
    if (!message) throw new TRPCError({ code: 'NOT_FOUND', message: 'This message is not in the inbox.' });
    return message;
  }),
});
