import { and, desc, eq, like, sql } from 'drizzle-orm';
import type { Env } from '../../config/env';
import type { Database } from '../../db/client';
import { auditLog, journeys } from '../../db/schema';
import { countRuns } from '../runs/search-runs';
import type { TemporalHandle } from '../temporal/client';

/** More journeys than this are listed without run figures (one visibility count each). */
const maxCounted = 200;

export interface JourneyFigures {
  id: string;
  /** Runs ever started (every status); null when Temporal cannot be asked. */
  entered: number | null;
  active: number | null;
  completed: number | null;
  /** Who last changed the journey (draft, settings, publish, pause, …), from the audit log. */
  lastEditedBy: string | null;
  lastEditedAt: Date | null;
}

/**
 * The journey list's figures, apart from the list itself so the list still shows when
 * Temporal is away: runs per journey from visibility (counts trail by about a second) and
 * the last editor from the audit log.
 */
export async function journeyListFigures(
  deps: { db: Database; env: Env; temporal: () => Promise<TemporalHandle> },
  workspaceId: string,
): Promise<{ figures: JourneyFigures[]; runsAvailable: boolean }> {
  const rows = await deps.db
    .select({ id: journeys.id })
    .from(journeys)
    .where(eq(journeys.workspaceId, workspaceId))
    .orderBy(desc(journeys.updatedAt))
    .limit(maxCounted);
  const edits = await deps.db
    .selectDistinctOn([auditLog.target], {
      target: auditLog.target,
      email: auditLog.actorEmail,
      at: auditLog.at,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.workspaceId, workspaceId),
        like(auditLog.action, 'journeys.%'),
        sql`${auditLog.target} is not null`,
      ),
    )
    .orderBy(auditLog.target, desc(auditLog.at));
  const lastEdit = new Map(edits.map((e) => [e.target, e]));
  let counts: Map<string, { total: number; running: number; completed: number }> | null = null;
  try {
    const entries = await Promise.all(
      rows.map(async (row) => {
        const c = await countRuns(deps, { workspaceId, search: { journeyId: row.id } });
        return [row.id, { total: c.total, running: c.running, completed: c.completed }] as const;
      }),
    );
    counts = new Map(entries);
  } catch {
    counts = null;
  }
  return {
    runsAvailable: counts !== null,
    figures: rows.map((row) => {
      const c = counts?.get(row.id);
      const edit = lastEdit.get(row.id);
      return {
        id: row.id,
        entered: c ? c.total : null,
        active: c ? c.running : null,
        completed: c ? c.completed : null,
        lastEditedBy: edit?.email ?? null,
        lastEditedAt: edit?.at ?? null,
      };
    }),
  };
}
