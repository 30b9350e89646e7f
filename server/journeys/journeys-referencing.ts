import { TRPCError } from '@trpc/server';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { journeys, journeyVersions } from '../../db/schema';
import type { JourneyGraph } from '../../workflows/journey/graph';
import { findNodeType } from '../../workflows/journey/nodes';
import type { ConfigReference } from '../../workflows/journey/nodes/define-node';

export interface ReferencingJourney {
  id: string;
  name: string;
  status: string;
}

/**
 * The journeys that would break if this segment (tier, reward, template) went away: the
 * live version of a live or paused journey (its runs read it), and the draft of any journey
 * not stopped (it could no longer be published). Read through the node catalog's own
 * `references`, so a new node type that points at something is covered without a change here.
 */
export async function journeysReferencing(
  db: Executor,
  workspaceId: string,
  target: { kind: ConfigReference['kind']; id: string },
): Promise<ReferencingJourney[]> {
  const candidates = await db
    .select({
      id: journeys.id,
      name: journeys.name,
      status: journeys.status,
      draftGraph: journeys.draftGraph,
      liveVersion: journeys.liveVersion,
    })
    .from(journeys)
    .where(and(eq(journeys.workspaceId, workspaceId), ne(journeys.status, 'stopped')));
  const liveIds = candidates.filter((j) => j.liveVersion !== null).map((j) => j.id);
  const versions =
    liveIds.length === 0
      ? []
      : await db
          .select({
            journeyId: journeyVersions.journeyId,
            version: journeyVersions.version,
            graph: journeyVersions.graph,
          })
          .from(journeyVersions)
          .where(
            and(eq(journeyVersions.workspaceId, workspaceId), inArray(journeyVersions.journeyId, liveIds)),
          );
  const liveGraph = new Map(
    versions
      .filter((v) => candidates.some((j) => j.id === v.journeyId && j.liveVersion === v.version))
      .map((v) => [v.journeyId, v.graph]),
  );
  return candidates
    .filter((journey) => {
      const graphs = [journey.draftGraph, liveGraph.get(journey.id)].filter((g): g is JourneyGraph =>
        Boolean(g),
      );
      return graphs.some((graph) => graphReferences(graph, target));
    })
    .map(({ id, name, status }) => ({ id, name, status }));
}

function graphReferences(graph: JourneyGraph, target: { kind: string; id: string }): boolean {
  return graph.nodes.some((node) =>
    (findNodeType(node.type)?.references(node.data) ?? []).some(
      (ref) => ref.kind === target.kind && ref.id === target.id,
    ),
  );
}

/**
 * Refuses (PRECONDITION_FAILED, naming the journeys) to remove something a journey still
 * uses: its trigger would never fire or its condition would quietly read "no".
 */
export async function assertNotUsedByJourneys(
  db: Executor,
  workspaceId: string,
  target: { kind: ConfigReference['kind']; id: string; noun: string },
): Promise<void> {
  const users = await journeysReferencing(db, workspaceId, target);
  if (users.length === 0) return;
  throw new TRPCError({
    code: 'PRECONDITION_FAILED',
    message: `This ${target.noun} is used by ${users.map((j) => `"${j.name}"`).join(', ')}; remove it there first.`,
  });
}
