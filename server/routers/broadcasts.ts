import { TRPCError } from '@trpc/server';
import { asc, eq } from 'drizzle-orm';
import { z, ZodRealError } from 'zod';
import { broadcastInputSchema } from '../../db/broadcasts/broadcast-input';
import { endBroadcast, loadBroadcast } from '../../db/broadcasts/broadcast-progress';
import { cancelBroadcast } from '../../db/broadcasts/cancel-broadcast';
import { createBroadcast } from '../../db/broadcasts/create-broadcast';
import { BroadcastInputError, BroadcastRequestConflictError } from '../../db/broadcasts/errors';
import { listBroadcasts } from '../../db/broadcasts/list-broadcasts';
import { segments } from '../../db/schema';
import { cancelBroadcastWorkflow, startBroadcastWorkflow } from '../broadcasts/broadcast-workflow';
import { opaqueIdSchema } from '../ids';
import { createTRPCRouter, editProcedure, readProcedure } from '../trpc';

/** A field error arrives on its field (a custom issue), a repeated key with other values is a conflict. */
function toTRPCError(error: unknown): unknown {
  if (error instanceof BroadcastInputError) {
    const cause = new ZodRealError([{ code: 'custom', path: [error.field], message: error.reason }]);
    return new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause });
  }
  if (error instanceof BroadcastRequestConflictError)
    return new TRPCError({ code: 'CONFLICT', message: error.message, cause: error });
  return error;
}

export const broadcastsRouter = createTRPCRouter({
  /** The segments a broadcast can go to, with their member counts for the confirmation. */
  segmentOptions: readProcedure.query(({ ctx }) =>
    ctx.db
      .select({
        id: segments.id,
        name: segments.name,
        memberCount: segments.memberCount,
        evaluatedAt: segments.evaluatedAt,
      })
      .from(segments)
      .where(eq(segments.workspaceId, ctx.workspaceId))
      .orderBy(asc(segments.name)),
  ),

  /** A journey's broadcasts, newest first, with progress. */
  list: readProcedure
    .input(z.object({ journeyId: opaqueIdSchema }))
    .query(({ ctx, input }) => listBroadcasts(ctx.db, ctx.workspaceId, input.journeyId)),

  /**
   * Enters a segment's members into a live "Manual or API" journey at the given rate. The
   * row is written first, then its workflow started; if Temporal cannot be reached the
   * broadcast is marked failed (nobody entered) and the error says so. Repeating the same
   * `requestKey` returns the same broadcast.
   */
  create: editProcedure.input(broadcastInputSchema).mutation(async ({ ctx, input }) => {
    let outcome;
    try {
      outcome = await createBroadcast(ctx.db, ctx.workspaceId, input);
    } catch (error) {
      throw toTRPCError(error);
    }
    const { broadcast } = outcome;
    if (broadcast.status !== 'scheduled' && broadcast.status !== 'running') return broadcast;
    try {
      const { client, settings } = await ctx.temporal();
      await startBroadcastWorkflow(client, settings.taskQueue, broadcast);
    } catch (error) {
      console.error('Broadcast could not reach Temporal:', error);
      await endBroadcast(ctx.db, ctx.workspaceId, broadcast.id, {
        status: 'failed',
        reason: 'engine_unavailable',
      });
      throw new TRPCError({
        code: 'INTERNAL_SERVER_ERROR',
        message: 'The journey engine is not reachable right now; nobody was entered. Try again later.',
      });
    }
    return (await loadBroadcast(ctx.db, ctx.workspaceId, broadcast.id)) ?? broadcast;
  }),

  /**
   * Stops a scheduled or running broadcast: nobody else enters; runs already started go on.
   * The row is cancelled first, so the fan-out stops at its next page even if Temporal is
   * unreachable now (`temporalWarning` says so).
   */
  cancel: editProcedure.input(z.object({ id: opaqueIdSchema })).mutation(async ({ ctx, input }) => {
    const outcome = await cancelBroadcast(ctx.db, ctx.workspaceId, input.id);
    if (!outcome) throw new TRPCError({ code: 'NOT_FOUND', message: 'This broadcast does not exist.' });
    let temporalWarning: string | null = null;
    if (outcome.outcome === 'cancelled') {
      try {
        const { client } = await ctx.temporal();
        await cancelBroadcastWorkflow(client, { id: input.id, workspaceId: ctx.workspaceId });
      } catch (error) {
        temporalWarning = `Temporal could not be reached${error instanceof Error ? `: ${error.message}` : '.'} The broadcast stops at its next page.`;
      }
    }
    return { ...outcome, temporalWarning };
  }),
});
