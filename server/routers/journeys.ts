import { TRPCError } from '@trpc/server';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../db/ids';
import { journeys } from '../../db/schema';
import { emptyGraph, journeyGraphSchema } from '../../workflows/journey/graph';
import { opaqueIdSchema } from '../ids';
import { createFromGallery, createFromGalleryInput, listGallery } from '../journeys/create-from-gallery';
import { findLiveVersion } from '../journeys/find-live-version';
import {
  getJourneyVersion,
  journeyVersionInput,
  journeyVersionsInput,
  listJourneyVersions,
} from '../journeys/journey-versions';
import { journeyListFigures } from '../journeys/journey-list-figures';
import { pauseJourney, resumeJourney, stopJourney } from '../journeys/journey-lifecycle';
import { eventProperties, pickerOptions } from '../journeys/picker-options';
import { publishJourney } from '../journeys/publish-journey';
import { previewJourneyInput } from '../journeys/preview-input';
import { previewJourney } from '../journeys/preview-journey';
import { previewTRPCError } from '../journeys/preview-trpc-error';
import { runsInFlight } from '../journeys/runs-in-flight';
import { journeyStepCounts } from '../journeys/step-counts';
import { saveJourneySettings } from '../journeys/save-journey-settings';
import { runTriggerNow } from '../journeys/run-trigger-now';
import { saveJourneyDraft } from '../journeys/save-journey-draft';
import { createTRPCRouter, editProcedure, readProcedure } from '../trpc';

// Generous for a marketing journey, small enough that one request cannot store megabytes.
const graphInput = journeyGraphSchema.refine((g) => g.nodes.length <= 500 && g.edges.length <= 2000, {
  message: 'A journey can have at most 500 steps.',
});

export const journeysRouter = createTRPCRouter({
  /** Templates, rewards, tiers and known event names for the editor's pickers. */
  pickerOptions: readProcedure.query(({ ctx }) => pickerOptions(ctx.db, ctx.workspaceId)),

  /** Property paths seen on recent events of one name, for filter rows. */
  eventProperties: readProcedure
    .input(z.object({ eventName: z.string().trim().min(1).max(200) }))
    .query(({ ctx, input }) => eventProperties(ctx.db, ctx.workspaceId, input.eventName)),

  /** Settings (re-entry, goal, window, quiet hours, cap, lateness) for the next publish. */
  saveSettings: editProcedure
    .input(z.object({ id: opaqueIdSchema, settings: z.unknown() }))
    .mutation(({ ctx, input }) =>
      saveJourneySettings(ctx.db, {
        workspaceId: ctx.workspaceId,
        journeyId: input.id,
        settings: input.settings,
      }),
    ),

  list: readProcedure.query(({ ctx }) =>
    ctx.db
      .select({
        id: journeys.id,
        name: journeys.name,
        status: journeys.status,
        liveVersion: journeys.liveVersion,
        updatedAt: journeys.updatedAt,
      })
      .from(journeys)
      .where(eq(journeys.workspaceId, ctx.workspaceId))
      .orderBy(desc(journeys.updatedAt)),
  ),

  /** Runs entered / active / completed per journey, and who edited each last. */
  listFigures: readProcedure.query(({ ctx }) => journeyListFigures(ctx, ctx.workspaceId)),

  get: readProcedure.input(z.object({ id: opaqueIdSchema })).query(async ({ ctx, input }) => {
    const [journey] = await ctx.db
      .select()
      .from(journeys)
      .where(and(eq(journeys.id, input.id), eq(journeys.workspaceId, ctx.workspaceId)));
    if (!journey) throw new TRPCError({ code: 'NOT_FOUND', message: 'This journey does not exist.' });
    const live = await findLiveVersion(ctx.db, { workspaceId: ctx.workspaceId, journeyId: input.id });
    return {
      id: journey.id,
      name: journey.name,
      status: journey.status,
      liveVersion: journey.liveVersion,
      liveTriggerType: live?.triggerType ?? null,
      // Both graphs come back from jsonb, which normalises key order, so their JSON compares.
      hasUnpublishedChanges:
        live !== null && JSON.stringify(live.graph) !== JSON.stringify(journey.draftGraph),
      draftGraph: journey.draftGraph,
      settings: journey.settings,
      updatedAt: journey.updatedAt,
    };
  }),

  create: editProcedure
    .input(z.object({ name: z.string().trim().min(1, 'Give the journey a name').max(120) }))
    .mutation(async ({ ctx, input }) => {
      const id = newId('jrn');
      await ctx.db
        .insert(journeys)
        .values({ id, workspaceId: ctx.workspaceId, name: input.name, draftGraph: emptyGraph });
      return { id };
    }),

  /** Ready journeys to start from (names and descriptions are message keys under `gallery`). */
  gallery: readProcedure.query(() => listGallery()),

  /** A draft from a gallery journey, its templates, rewards, tiers and segments resolved in this workspace. */
  createFromGallery: editProcedure
    .input(createFromGalleryInput)
    .mutation(({ ctx, input }) =>
      createFromGallery(ctx.db, { workspaceId: ctx.workspaceId, key: input.key, name: input.name }),
    ),

  saveDraft: editProcedure
    .input(z.object({ id: opaqueIdSchema, graph: graphInput }))
    .mutation(({ ctx, input }) =>
      saveJourneyDraft(ctx.db, { workspaceId: ctx.workspaceId, journeyId: input.id, graph: input.graph }),
    ),

  /** Customers at each step now and how many passed each, for the canvas of a published journey. */
  stepCounts: readProcedure
    .input(z.object({ id: opaqueIdSchema, stepIds: z.array(z.string().min(1).max(100)).max(500) }))
    .query(async ({ ctx, input }) => {
      const counts = await journeyStepCounts(ctx, {
        workspaceId: ctx.workspaceId,
        journeyId: input.id,
        stepIds: input.stepIds,
      });
      if (!counts) throw new TRPCError({ code: 'NOT_FOUND', message: 'This journey does not exist.' });
      return counts;
    }),

  /** For the publish confirmation: the live version and how many of its runs are still going. */
  runsInFlight: readProcedure.input(z.object({ id: opaqueIdSchema })).query(async ({ ctx, input }) => {
    const result = await runsInFlight(ctx, { workspaceId: ctx.workspaceId, journeyId: input.id });
    if (!result) throw new TRPCError({ code: 'NOT_FOUND', message: `No journey "${input.id}".` });
    return result;
  }),

  publish: editProcedure
    .input(z.object({ id: opaqueIdSchema, graph: graphInput }))
    .mutation(({ ctx, input }) =>
      publishJourney(ctx, {
        workspaceId: ctx.workspaceId,
        journeyId: input.id,
        graph: input.graph,
        publishedBy: ctx.viewer.userId,
      }),
    ),

  /**
   * Runs the editor's current graph in the simulator for a real customer or a sample profile,
   * with the emails rendered; writes, sends and calls nothing. A mutation only so the graph
   * travels in a POST body. Compile errors are an answer (`ok: false`), as for `publish`.
   */
  preview: readProcedure.input(previewJourneyInput).mutation(async ({ ctx, input }) => {
    try {
      return await previewJourney(ctx.db, {
        ...input,
        workspaceId: ctx.workspaceId,
        appUrl: ctx.env.APP_URL,
      });
    } catch (error) {
      throw previewTRPCError(error);
    }
  }),

  /** Published versions, newest first, with who published each and what changed against the one before. */
  versions: readProcedure
    .input(journeyVersionsInput)
    .query(({ ctx, input }) =>
      listJourneyVersions(ctx.db, { workspaceId: ctx.workspaceId, journeyId: input.id }),
    ),

  /** One version's graph and program, and its full diff against the one before. */
  version: readProcedure.input(journeyVersionInput).query(({ ctx, input }) =>
    getJourneyVersion(ctx.db, {
      workspaceId: ctx.workspaceId,
      journeyId: input.id,
      version: input.version,
    }),
  ),

  /** No new entries; runs in flight go on. */
  pause: editProcedure
    .input(z.object({ id: opaqueIdSchema }))
    .mutation(({ ctx, input }) => pauseJourney(ctx, { workspaceId: ctx.workspaceId, journeyId: input.id })),

  resume: editProcedure
    .input(z.object({ id: opaqueIdSchema }))
    .mutation(({ ctx, input }) => resumeJourney(ctx, { workspaceId: ctx.workspaceId, journeyId: input.id })),

  /** No new entries and every running run cancelled; answers how many. */
  stop: editProcedure
    .input(z.object({ id: opaqueIdSchema }))
    .mutation(({ ctx, input }) => stopJourney(ctx, { workspaceId: ctx.workspaceId, journeyId: input.id })),

  runTriggerNow: editProcedure
    .input(z.object({ id: opaqueIdSchema }))
    .mutation(({ ctx, input }) => runTriggerNow(ctx, { workspaceId: ctx.workspaceId, journeyId: input.id })),
});
