import { TRPCError } from '@trpc/server';
import { z, ZodRealError } from 'zod';
import { SegmentInputError, SegmentInUseError, SegmentNotFoundError } from '../../db/segments/errors';
import { evaluateSegment } from '../../db/segments/evaluate-segment';
import {
  firstSegmentMembers,
  getSegment,
  listSegments,
  previewSegment,
} from '../../db/segments/list-segments';
import {
  createSegment,
  deleteSegment,
  segmentFieldsSchema,
  updateSegment,
} from '../../db/segments/save-segment';
import { segmentRulesSchema } from '../../db/segments/segment-rules';
import { opaqueIdSchema } from '../ids';
import { assertNotUsedByJourneys } from '../journeys/journeys-referencing';
import { createTRPCRouter, editProcedure, readProcedure } from '../trpc';

/** A field error arrives on its field (as a zod issue, so `data.inputIssues` names it); a missing segment is NOT_FOUND. */
function toTRPCError(error: unknown): unknown {
  if (error instanceof SegmentInputError) {
    const cause = new ZodRealError([
      { code: 'custom', path: error.field.split('.'), message: error.message },
    ]);
    return new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause });
  }
  if (error instanceof SegmentInUseError)
    return new TRPCError({ code: 'PRECONDITION_FAILED', message: error.message, cause: error });
  if (error instanceof SegmentNotFoundError)
    return new TRPCError({ code: 'NOT_FOUND', message: 'This segment does not exist.', cause: error });
  return error;
}

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toTRPCError(error);
  }
}

const previewLimit = 20;

export const segmentsRouter = createTRPCRouter({
  list: readProcedure.query(({ ctx }) => listSegments(ctx.db, ctx.workspaceId)),

  /** One segment with its first members, for its edit page. */
  get: readProcedure.input(z.object({ id: opaqueIdSchema })).query(({ ctx, input }) =>
    guarded(async () => {
      const segment = await getSegment(ctx.db, ctx.workspaceId, input.id);
      const members = await firstSegmentMembers(ctx.db, ctx.workspaceId, input.id, previewLimit);
      return { segment, members };
    }),
  ),

  /** Who the unsaved rules match now (count and first 20), with the SQL the evaluation runs. */
  preview: readProcedure
    .input(z.object({ rules: segmentRulesSchema }))
    .query(({ ctx, input }) => previewSegment(ctx.db, ctx.workspaceId, input.rules, previewLimit)),

  /** Saves and evaluates at once, so the list shows the members (and journeys get their entries) right away. */
  create: editProcedure.input(segmentFieldsSchema).mutation(({ ctx, input }) =>
    guarded(async () => {
      const segment = await createSegment(ctx.db, ctx.workspaceId, input);
      const evaluation = await evaluateSegment(ctx.db, ctx.workspaceId, segment.id);
      return { id: segment.id, name: segment.name, evaluation };
    }),
  ),

  update: editProcedure.input(segmentFieldsSchema.extend({ id: opaqueIdSchema })).mutation(({ ctx, input }) =>
    guarded(async () => {
      const { id, ...fields } = input;
      const segment = await updateSegment(ctx.db, ctx.workspaceId, id, fields);
      const evaluation = await evaluateSegment(ctx.db, ctx.workspaceId, segment.id);
      return { id: segment.id, name: segment.name, evaluation };
    }),
  ),

  evaluate: editProcedure
    .input(z.object({ id: opaqueIdSchema }))
    .mutation(({ ctx, input }) => guarded(() => evaluateSegment(ctx.db, ctx.workspaceId, input.id))),

  delete: editProcedure.input(z.object({ id: opaqueIdSchema })).mutation(({ ctx, input }) =>
    guarded(async () => {
      // A journey would silently stop matching (its trigger never fires, its condition reads
      // "not a member"): refused, naming the journeys, until they no longer use it.
      await assertNotUsedByJourneys(ctx.db, ctx.workspaceId, {
        kind: 'segment',
        id: input.id,
        noun: 'segment',
      });
      await deleteSegment(ctx.db, ctx.workspaceId, input.id);
      return { deleted: true };
    }),
  ),
});
