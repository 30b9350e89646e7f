import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { opaqueIdSchema } from '../ids';
import { listRuns } from '../runs/list-runs';
import { createTRPCRouter, workspaceProcedure } from '../trpc';

export const runsRouter = createTRPCRouter({
  list: workspaceProcedure
    .input(
      z
        .object({
          journeyId: opaqueIdSchema.optional(),
          limit: z.number().int().min(1).max(1000).default(200),
        })
        .optional(),
    )
    .query(async ({ ctx, input }) => {
      try {
        return await listRuns(ctx, {
          workspaceId: ctx.workspaceId,
          journeyId: input?.journeyId,
          limit: input?.limit ?? 200,
        });
      } catch (error) {
        if (error instanceof TRPCError) throw error;
        throw new TRPCError({
          code: 'INTERNAL_SERVER_ERROR',
          message: `Could not read runs from Temporal (${ctx.env.TEMPORAL_ADDRESS ?? 'no TEMPORAL_ADDRESS'}): ${
            error instanceof Error ? error.message : String(error)
          }`,
          cause: error,
        });
      }
    }),
});
