import { TRPCError } from '@trpc/server';
import { and, desc, eq, isNotNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { messageLog, smtpSinkMessages } from '../../db/schema';
import { testMessageIdPrefix } from '../templates/test-message-id';
import { createTRPCRouter, readProcedure } from '../trpc';

/**
 * The sink holds everything any workspace sent; a workspace sees the mail whose Message-ID
 * its own message log issued (plus its template test sends), so one brand never reads
 * another's customers' mail.
 */
const sentByWorkspace = (workspaceId: string) =>
  and(eq(messageLog.messageId, smtpSinkMessages.messageId), eq(messageLog.workspaceId, workspaceId));

/** Its own log's mail, or a template test send, whose Message-ID names the workspace. */
const visibleTo = (workspaceId: string) =>
  or(
    isNotNull(messageLog.id),
    sql`starts_with(${smtpSinkMessages.messageId}, ${testMessageIdPrefix(workspaceId)})`,
  );

export const inboxRouter = createTRPCRouter({
  list: readProcedure
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
        .leftJoin(messageLog, sentByWorkspace(ctx.workspaceId))
        .where(visibleTo(ctx.workspaceId))
        .orderBy(desc(smtpSinkMessages.receivedAt))
        .limit(input?.limit ?? 200),
    ),

  get: readProcedure.input(z.object({ id: z.string().min(1).max(200) })).query(async ({ ctx, input }) => {
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
      .leftJoin(messageLog, sentByWorkspace(ctx.workspaceId))
      .where(and(eq(smtpSinkMessages.id, input.id), visibleTo(ctx.workspaceId)));
    if (!message) throw new TRPCError({ code: 'NOT_FOUND', message: 'This message is not in the inbox.' });
    return message;
  }),
});
