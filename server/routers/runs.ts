import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { opaqueIdSchema } from '../ids';
import { listRuns } from '../runs/list-runs';
import {
  cancelJourneyVersionRuns,
  cancelRun,
  JourneyNotFoundError,
  manualEventSchema,
  RunNotRunningError,
  sendRunEvent,
} from '../runs/run-actions';
import { retryRunStep, RetryRunStepError } from '../temporal/retry-run-step';
import { skipRunWait, SkipRunWaitError } from '../temporal/skip-run-wait';
import { getRunDetail, getRunHistory, RunNotFoundError } from '../runs/run-detail';
import { countRuns, runSearchSchema, searchRuns } from '../runs/search-runs';
import type { TRPCContext } from '../trpc';
import { adminProcedure, createTRPCRouter, editProcedure, readProcedure } from '../trpc';

// Temporal's workflow ids are ours (`journey:<workspace>:<journey>:<customer>:<key>`); bounded, no spaces.
const workflowIdSchema = z.string().min(1).max(500).regex(/^\S+$/, 'workflowId must not contain spaces.');
const runIdSchema = z.string().uuid().optional();

/**
 * Domain errors to tRPC codes, and Temporal being unreachable to a message naming where it
 * was looked for. Each action is its own procedure, so a role check can be added per action.
 */
async function temporalCall<T>(ctx: Pick<TRPCContext, 'env'>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof TRPCError) throw error;
    if (error instanceof RunNotFoundError || error instanceof JourneyNotFoundError)
      throw new TRPCError({ code: 'NOT_FOUND', message: error.message, cause: error });
    if (error instanceof SkipRunWaitError || error instanceof RetryRunStepError)
      throw new TRPCError({
        code: error.code === 'not_found' ? 'NOT_FOUND' : 'PRECONDITION_FAILED',
        message: error.message,
        cause: error,
      });
    if (error instanceof RunNotRunningError)
      throw new TRPCError({ code: 'PRECONDITION_FAILED', message: error.message, cause: error });
    throw new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      message: `Could not reach Temporal (${ctx.env.TEMPORAL_ADDRESS ?? 'no TEMPORAL_ADDRESS'}): ${
        error instanceof Error ? error.message : String(error)
      }`,
      cause: error,
    });
  }
}

export const runsRouter = createTRPCRouter({
  list: readProcedure
    .input(
      z
        .object({
          journeyId: opaqueIdSchema.optional(),
          limit: z.number().int().min(1).max(1000).default(200),
        })
        .optional(),
    )
    .query(({ ctx, input }) =>
      temporalCall(ctx, () =>
        listRuns(ctx, {
          workspaceId: ctx.workspaceId,
          journeyId: input?.journeyId,
          limit: input?.limit ?? 200,
        }),
      ),
    ),

  /** One page of runs matching the filters; `pageToken` from the previous page. */
  search: readProcedure
    .input(
      z.object({
        filter: runSearchSchema.default({}),
        pageSize: z.number().int().min(1).max(200).default(50),
        pageToken: z.string().max(4000).nullish(),
      }),
    )
    .query(({ ctx, input }) =>
      temporalCall(ctx, () =>
        searchRuns(ctx, {
          workspaceId: ctx.workspaceId,
          search: input.filter,
          pageSize: input.pageSize,
          pageToken: input.pageToken,
        }),
      ),
    ),

  /** Runs per status for the filters (their status ignored). */
  counts: readProcedure
    .input(z.object({ filter: runSearchSchema.default({}) }))
    .query(({ ctx, input }) =>
      temporalCall(ctx, () => countRuns(ctx, { workspaceId: ctx.workspaceId, search: input.filter })),
    ),

  get: readProcedure
    .input(z.object({ workflowId: workflowIdSchema, runId: runIdSchema }))
    .query(({ ctx, input }) =>
      temporalCall(ctx, () => getRunDetail(ctx, { workspaceId: ctx.workspaceId, ...input })),
    ),

  /** The raw Temporal history (protobuf object form), for download. */
  history: readProcedure
    .input(z.object({ workflowId: workflowIdSchema, runId: runIdSchema }))
    .query(({ ctx, input }) =>
      temporalCall(ctx, () => getRunHistory(ctx, { workspaceId: ctx.workspaceId, ...input })),
    ),

  cancel: editProcedure.input(z.object({ workflowId: workflowIdSchema })).mutation(({ ctx, input }) =>
    temporalCall(ctx, async () => {
      await cancelRun(ctx, { workspaceId: ctx.workspaceId, workflowId: input.workflowId });
      return { cancelled: true as const };
    }),
  ),

  sendEvent: editProcedure
    .input(z.object({ workflowId: workflowIdSchema, event: manualEventSchema }))
    .mutation(({ ctx, input }) =>
      temporalCall(ctx, () => sendRunEvent(ctx, { workspaceId: ctx.workspaceId, ...input })),
    ),

  /**
   * Ends the wait the run is in at `stepId` as its timer would (a delay goes on, a wait for
   * an event follows `timeout`); a run that has moved on meanwhile is refused, not skipped.
   */
  skipWait: editProcedure
    .input(z.object({ workflowId: workflowIdSchema, stepId: z.string().trim().min(1).max(200) }))
    .mutation(({ ctx, input }) =>
      temporalCall(ctx, async () =>
        skipRunWait(
          { client: (await ctx.temporal()).client, db: ctx.db },
          {
            workspaceId: ctx.workspaceId,
            workflowId: input.workflowId,
            stepId: input.stepId,
            by: ctx.viewer.email,
          },
        ),
      ),
    ),

  /** Runs a step that failed for good again, with the same idempotency key; the run waits at it until then. */
  retryStep: editProcedure
    .input(z.object({ workflowId: workflowIdSchema, stepId: z.string().trim().min(1).max(200) }))
    .mutation(({ ctx, input }) =>
      temporalCall(ctx, async () =>
        retryRunStep(
          { client: (await ctx.temporal()).client, db: ctx.db },
          {
            workspaceId: ctx.workspaceId,
            workflowId: input.workflowId,
            stepId: input.stepId,
            by: ctx.viewer.email,
          },
        ),
      ),
    ),

  /** Cancels every running run of one journey version; returns how many. */
  cancelVersion: adminProcedure
    .input(z.object({ journeyId: opaqueIdSchema, version: z.number().int().min(1) }))
    .mutation(({ ctx, input }) =>
      temporalCall(ctx, () => cancelJourneyVersionRuns(ctx, { workspaceId: ctx.workspaceId, ...input })),
    ),
});
