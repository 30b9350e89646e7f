import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { journeys, journeyVersions } from '../schema';

/** Every live journey with its trigger type, across workspaces (for reconciling schedules). */
export async function listLiveTriggers(db: Executor) {
  const rows = await db
    .select({ workspaceId: journeys.workspaceId, journeyId: journeys.id, program: journeyVersions.program })
    .from(journeys)
    .innerJoin(
      journeyVersions,
      and(eq(journeyVersions.journeyId, journeys.id), eq(journeyVersions.version, journeys.liveVersion)),
    )
    .where(eq(journeys.status, 'live'));
  return rows.map((row) => ({
    workspaceId: row.workspaceId,
    journeyId: row.journeyId,
    triggerType: row.program.trigger.type,
  }));
}
