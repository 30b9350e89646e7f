import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { journeys, journeyVersions } from '../../db/schema';
import type { JourneyGraph } from '../../workflows/journey/graph';

export interface LiveVersion {
  version: number;
  triggerType: string;
  graph: JourneyGraph;
}

/** The version customers currently enter, or null for a journey that is not live. */
export async function findLiveVersion(
  db: Database,
  target: { workspaceId: string; journeyId: string },
): Promise<LiveVersion | null> {
  const [row] = await db
    .select({
      version: journeyVersions.version,
      program: journeyVersions.program,
      graph: journeyVersions.graph,
    })
    .from(journeys)
    .innerJoin(
      journeyVersions,
      and(eq(journeyVersions.journeyId, journeys.id), eq(journeyVersions.version, journeys.liveVersion)),
    )
    .where(
      and(
        eq(journeys.id, target.journeyId),
        eq(journeys.workspaceId, target.workspaceId),
        eq(journeys.status, 'live'),
      ),
    );
  return row ? { version: row.version, triggerType: row.program.trigger.type, graph: row.graph } : null;
}
