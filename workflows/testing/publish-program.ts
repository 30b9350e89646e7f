import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { newId } from '../../db/ids';
import { journeys, journeyVersions } from '../../db/schema';
import { compileJourney } from '../journey/compiler';
import type { JourneyGraph } from '../journey/graph';
import type { JourneyProgram } from '../journey/program';

/**
 * Compiles a graph and stores it as a live journey (version 1), as publishing would, for
 * tests and benchmarks that start runs of it directly. Throws with the compiler's errors.
 */
export async function publishTestJourney(
  db: Database,
  workspaceId: string,
  graph: JourneyGraph,
  references: { templateIds?: string[]; name?: string; settings?: Record<string, unknown> } = {},
): Promise<{ journeyId: string; program: JourneyProgram }> {
  const journeyId = newId('jrn');
  const compiled = compileJourney(graph, {
    journeyId,
    workspaceId,
    version: 1,
    templateIds: new Set(references.templateIds ?? []),
    rewardIds: new Set<string>(),
    tierIds: new Set<string>(),
    ...(references.settings ? { settings: references.settings } : {}),
  });
  if (!compiled.ok) throw new Error(`The test journey does not compile: ${JSON.stringify(compiled.errors)}`);
  await db.transaction(async (tx) => {
    await tx.insert(journeys).values({
      id: journeyId,
      workspaceId,
      name: references.name ?? 'Test journey',
      draftGraph: graph,
      ...(references.settings ? { settings: references.settings } : {}),
    });
    await tx
      .insert(journeyVersions)
      .values({ id: newId('jv'), workspaceId, journeyId, version: 1, graph, program: compiled.program });
    await tx.update(journeys).set({ status: 'live', liveVersion: 1 }).where(eq(journeys.id, journeyId));
  });
  return { journeyId, program: compiled.program };
}
