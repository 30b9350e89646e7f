import { TRPCError } from '@trpc/server';
import { ensureWebhookSecret } from '../../db/webhooks/webhook-secret';
import { adminProcedure, createTRPCRouter } from '../trpc';

export const webhooksRouter = createTRPCRouter({
  /**
   * The current workspace's signing secret, created if it has none yet. A mutation, not a
   * query: it may write, and the secret is fetched only when someone asks to see it.
   */
  revealSecret: adminProcedure.mutation(async ({ ctx }) => {
    const secret = await ensureWebhookSecret(ctx.db, ctx.workspaceId);
    if (!secret) throw new TRPCError({ code: 'NOT_FOUND', message: 'This workspace does not exist.' });
    return { secret };
  }),
});
