import { TRPCError } from '@trpc/server';
import { and, eq, max } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { newId } from '../../db/ids';
import { emailTemplates, journeys, journeyVersions, rewards, segments, tiers } from '../../db/schema';
import { compileJourney, type CompileError } from '../../workflows/journey/compiler';
import type { JourneyGraph } from '../../workflows/journey/graph';
import type { TemporalHandle } from '../temporal/client';
import { isDateTrigger } from '../../workflows/journey/date-trigger';
import { ensureDateTriggerSchedule, pauseTriggerSchedule } from '../temporal/trigger-schedules';
import { checkTemplateSteps } from './check-template-steps';
import { checkWebhookSteps } from './check-webhook-steps';
import { saveJourneyDraft } from './save-journey-draft';

export type PublishResult =
  | { ok: false; errors: CompileError[] }
  | {
      ok: true;
      version: number;
      /** Set when the journey went live but its trigger schedule could not be set up in Temporal. */
      triggerWarning: string | null;
    };

/**
 * Saves the canvas, compiles it and, if it compiles, makes it the next immutable version.
 * Compile errors are a normal answer (the canvas shows them), not an exception.
 */
export async function publishJourney(
  deps: { db: Database; temporal: () => Promise<TemporalHandle> },
  input: {
    workspaceId: string;
    journeyId: string;
    graph: JourneyGraph;
    /** The signed-in person's user id, shown in the version history; null when not known. */
    publishedBy?: string | null;
  },
): Promise<PublishResult> {
  const { db } = deps;
  const { workspaceId, journeyId, graph } = input;
  await saveJourneyDraft(db, { workspaceId, journeyId, graph });

  const templates = await db
    .select({ id: emailTemplates.id, name: emailTemplates.name, liveVersion: emailTemplates.liveVersion })
    .from(emailTemplates)
    .where(eq(emailTemplates.workspaceId, workspaceId));
  const templateIds = new Set(templates.map((row) => row.id));
  const unpublishedTemplates = new Map(
    templates.filter((row) => row.liveVersion === null).map((row) => [row.id, row.name]),
  );
  const rewardRows = await db
    .select({ id: rewards.id })
    .from(rewards)
    .where(and(eq(rewards.workspaceId, workspaceId), eq(rewards.active, true)));
  const tierRows = await db.select({ id: tiers.id }).from(tiers).where(eq(tiers.workspaceId, workspaceId));
  const rewardIds = new Set(rewardRows.map((row) => row.id));
  const tierIds = new Set(tierRows.map((row) => row.id));
  const segmentRows = await db
    .select({ id: segments.id })
    .from(segments)
    .where(eq(segments.workspaceId, workspaceId));
  const segmentIds = new Set(segmentRows.map((row) => row.id));

  const published = await db.transaction(async (tx) => {
    // The row lock serialises concurrent publishes of one journey, so max+1 cannot collide.
    const [journey] = await tx
      .select({ id: journeys.id, status: journeys.status, settings: journeys.settings })
      .from(journeys)
      .where(and(eq(journeys.id, journeyId), eq(journeys.workspaceId, workspaceId)))
      .for('update');
    if (!journey) throw new TRPCError({ code: 'NOT_FOUND', message: 'This journey does not exist.' });
    const [latest] = await tx
      .select({ version: max(journeyVersions.version) })
      .from(journeyVersions)
      .where(and(eq(journeyVersions.journeyId, journeyId), eq(journeyVersions.workspaceId, workspaceId)));
    const version = (latest?.version ?? 0) + 1;

    const compiled = compileJourney(graph, {
      journeyId,
      workspaceId,
      version,
      templateIds,
      rewardIds,
      tierIds,
      segmentIds,
      settings: journey.settings,
    });
    const webhookErrors = [
      ...checkWebhookSteps(graph, { allowLocalHttp: process.env.NODE_ENV !== 'production' }),
      ...checkTemplateSteps(graph, unpublishedTemplates),
    ];
    if (!compiled.ok) return { ok: false as const, errors: [...compiled.errors, ...webhookErrors] };
    if (webhookErrors.length > 0) return { ok: false as const, errors: webhookErrors };

    await tx.insert(journeyVersions).values({
      id: newId('jver'),
      workspaceId,
      journeyId,
      version,
      graph,
      program: compiled.program,
      publishedBy: input.publishedBy ?? null,
    });
    // A paused journey stays paused with its new version (resume admits entries again);
    // a draft or stopped one goes live.
    const status = journey.status === 'paused' ? 'paused' : 'live';
    await tx
      .update(journeys)
      .set({ status, liveVersion: version, updatedAt: new Date() })
      .where(and(eq(journeys.id, journeyId), eq(journeys.workspaceId, workspaceId)));
    return { ok: true as const, version, status, triggerType: compiled.program.trigger.type };
  });
  if (!published.ok) return published;

  // After the commit: the schedule's scan reads the live version from the database, so it
  // must not fire before the version exists. If Temporal is unreachable the journey is still
  // live; the marketer is told, and the schedule is repaired by publishing again or by the
  // reconciliation `npm start` runs.
  let triggerWarning: string | null = null;
  try {
    const { client, settings } = await deps.temporal();
    if (isDateTrigger(published.triggerType) && published.status === 'live') {
      await ensureDateTriggerSchedule(client, settings.taskQueue, { workspaceId, journeyId });
    } else {
      await pauseTriggerSchedule(client, journeyId);
    }
  } catch (error) {
    triggerWarning =
      'The journey is live, but its trigger could not be scheduled in Temporal' +
      (error instanceof Error ? `: ${error.message}` : '.') +
      ' Publish again once Temporal is reachable; the app also repairs it on its next start.';
  }
  return { ok: true, version: published.version, triggerWarning };
}
