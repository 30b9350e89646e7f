import { and, eq } from 'drizzle-orm';
import type { JourneyProgram } from '../../workflows/journey/program';
import type { Executor } from '../client';
import { journeys, journeyVersions, workspaces } from '../schema';

export interface JourneyForEntry {
  status: (typeof journeys.$inferSelect)['status'];
  /** The live version's program (also kept while paused or stopped); null before the first publish. */
  program: JourneyProgram | null;
  /** The workspace's IANA zone: periods of the re-entry policy are counted in it. */
  timeZone: string;
}

/** What deciding an enrolment needs about one journey of the workspace; null when it has none by that id. */
export async function findJourneyForEntry(
  db: Executor,
  workspaceId: string,
  journeyId: string,
): Promise<JourneyForEntry | null> {
  const [row] = await db
    .select({ status: journeys.status, program: journeyVersions.program, timeZone: workspaces.timeZone })
    .from(journeys)
    .innerJoin(workspaces, eq(workspaces.id, journeys.workspaceId))
    .leftJoin(
      journeyVersions,
      and(
        eq(journeyVersions.journeyId, journeys.id),
        eq(journeyVersions.version, journeys.liveVersion),
        eq(journeyVersions.workspaceId, journeys.workspaceId),
      ),
    )
    .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, journeyId)));
  return row ? { status: row.status, program: row.program ?? null, timeZone: row.timeZone } : null;
}

/** The workspace's IANA zone. */
export async function workspaceTimeZone(db: Executor, workspaceId: string): Promise<string> {
  const [row] = await db
    .select({ timeZone: workspaces.timeZone })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row?.timeZone ?? 'UTC';
}
