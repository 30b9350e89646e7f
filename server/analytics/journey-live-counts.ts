import type { Env } from '../../config/env';
import type { Database } from '../../db/client';
import { countRuns } from '../runs/search-runs';
import type { TemporalHandle } from '../temporal/client';

type Deps = { db: Database; env: Env; temporal: () => Promise<TemporalHandle> };

/** More journey versions than this get no live counts: one visibility count each. */
export const maxLiveCounts = 60;

export interface LiveCounts {
  /** Runs ever started, as Temporal visibility has them (every status, any date). */
  started: number;
  /** Running now: these have no end row yet, so only visibility knows them. */
  active: number;
  completed: number;
}

/**
 * Live run counts per journey version from Temporal visibility (trailing by about a second),
 * keyed `journeyId:version`; null when Temporal cannot be asked, so the report still shows
 * its Postgres figures.
 */
export async function journeyLiveCounts(
  deps: Deps,
  workspaceId: string,
  versions: { journeyId: string; version: number }[],
): Promise<Map<string, LiveCounts> | null> {
  try {
    const entries = await Promise.all(
      versions.slice(0, maxLiveCounts).map(async ({ journeyId, version }) => {
        const c = await countRuns(deps, { workspaceId, search: { journeyId, version } });
        return [
          liveKey(journeyId, version),
          { started: c.total, active: c.running, completed: c.completed },
        ] as const;
      }),
    );
    return new Map(entries);
  } catch {
    return null;
  }
}

export function liveKey(journeyId: string, version: number): string {
  return `${journeyId}:${version}`;
}
