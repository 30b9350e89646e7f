import { and, eq } from 'drizzle-orm';
import type { JourneyProgram } from '../../workflows/journey/program';
import type { Executor } from '../client';
import { journeys, journeyVersions } from '../schema';

/** The program a new run of the journey gets: its live version's, or null when not live. */
export async function getLiveProgram(
  db: Executor,
  workspaceId: string,
  journeyId: string,
): Promise<JourneyProgram | null> {
  const [row] = await db
    .select({ program: journeyVersions.program })
    .from(journeys)
    .innerJoin(
      journeyVersions,
      and(eq(journeyVersions.journeyId, journeys.id), eq(journeyVersions.version, journeys.liveVersion)),
    )
    .where(
      and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, journeyId), eq(journeys.status, 'live')),
    );
  return row?.program ?? null;
}
