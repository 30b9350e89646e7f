import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { journeys } from '../../db/schema';
import type { JourneyGraph } from '../../workflows/journey/graph';

/** Stores the canvas as the draft; live versions are untouched until the next publish. */
export async function saveJourneyDraft(
  db: Executor,
  input: { workspaceId: string; journeyId: string; graph: JourneyGraph },
): Promise<{ updatedAt: Date }> {
  const [saved] = await db
    .update(journeys)
    .set({ draftGraph: input.graph, updatedAt: new Date() })
    .where(and(eq(journeys.id, input.journeyId), eq(journeys.workspaceId, input.workspaceId)))
    .returning({ updatedAt: journeys.updatedAt });
  if (!saved) throw new TRPCError({ code: 'NOT_FOUND', message: 'This journey does not exist.' });
  return saved;
}
