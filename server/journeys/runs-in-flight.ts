import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { journeys } from '../../db/schema';
import type { Env } from '../../config/env';
import { countRuns } from '../runs/search-runs';
import type { TemporalHandle } from '../temporal/client';

/**
 * What publishing would leave behind: the live version and how many of its runs are still
 * going (they finish on it). `running` is null when Temporal cannot be asked; the page says
 * so rather than guessing a number.
 */
export async function runsInFlight(
  deps: { db: Database; env: Env; temporal: () => Promise<TemporalHandle> },
  input: { workspaceId: string; journeyId: string },
): Promise<{ liveVersion: number | null; running: number | null } | null> {
  const [journey] = await deps.db
    .select({ liveVersion: journeys.liveVersion })
    .from(journeys)
    .where(and(eq(journeys.workspaceId, input.workspaceId), eq(journeys.id, input.journeyId)));
  if (!journey) return null;
  if (journey.liveVersion === null) return { liveVersion: null, running: 0 };
  try {
    const counts = await countRuns(deps, {
      workspaceId: input.workspaceId,
      search: { journeyId: input.journeyId, version: journey.liveVersion },
    });
    return { liveVersion: journey.liveVersion, running: counts.running };
  } catch {
    return { liveVersion: journey.liveVersion, running: null };
  }
}
