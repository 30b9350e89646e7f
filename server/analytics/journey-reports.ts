import { and, eq } from 'drizzle-orm';
import type { Env } from '../../config/env';
import type { DateRange } from '../../db/analytics/date-range';
import {
  defaultConversionWindowDays,
  journeySkipFigures,
  journeySplits,
  journeyStepFigures,
  journeyVersionFigures,
  type JourneyVersionFigures,
} from '../../db/analytics/journeys/journey-report';
import type { Database } from '../../db/client';
import { journeys, journeyVersions } from '../../db/schema';
import type { TemporalHandle } from '../temporal/client';
import { journeyLiveCounts, liveKey, type LiveCounts } from './journey-live-counts';

export type JourneyReportDeps = { db: Database; env: Env; temporal: () => Promise<TemporalHandle> };
type Deps = JourneyReportDeps;

export type JourneyVersionRow = JourneyVersionFigures & { live: LiveCounts | null };

async function withLive(
  deps: Deps,
  workspaceId: string,
  rows: JourneyVersionFigures[],
): Promise<{ rows: JourneyVersionRow[]; liveAvailable: boolean }> {
  const live = await journeyLiveCounts(deps, workspaceId, rows);
  return {
    liveAvailable: live !== null,
    rows: rows.map((row) => ({ ...row, live: live?.get(liveKey(row.journeyId, row.version)) ?? null })),
  };
}

/** Every journey version with runs entered in the range, with live counts from Temporal. */
export async function journeysReport(
  deps: Deps,
  workspaceId: string,
  range: DateRange,
  windowDays = defaultConversionWindowDays,
) {
  const figures = await journeyVersionFigures(deps.db, workspaceId, range, { windowDays });
  return { windowDays, ...(await withLive(deps, workspaceId, figures)) };
}

/**
 * One journey: its versions' figures, and for one version (the asked one, else the newest
 * with runs, else the live one) the passes per step and output, the skips per step and
 * reason, and every random split's comparison. Null when the journey is not the workspace's.
 */
export async function journeyReport(
  deps: Deps,
  workspaceId: string,
  input: DateRange & { journeyId: string; version?: number; windowDays?: number },
) {
  const windowDays = input.windowDays ?? defaultConversionWindowDays;
  const [journey] = await deps.db
    .select({ id: journeys.id, name: journeys.name, liveVersion: journeys.liveVersion })
    .from(journeys)
    .where(and(eq(journeys.id, input.journeyId), eq(journeys.workspaceId, workspaceId)));
  if (!journey) return null;
  const published = await deps.db
    .select({ version: journeyVersions.version, program: journeyVersions.program })
    .from(journeyVersions)
    .where(eq(journeyVersions.journeyId, journey.id));
  const options = { journeyId: journey.id, windowDays };
  const figures = await journeyVersionFigures(deps.db, workspaceId, input, options);
  const version = input.version ?? figures[0]?.version ?? journey.liveVersion ?? undefined;
  const program = published.find((p) => p.version === version)?.program;
  const [versions, steps, skips, splits] = await Promise.all([
    withLive(deps, workspaceId, figures),
    version === undefined ? [] : journeyStepFigures(deps.db, workspaceId, input, { ...options, version }),
    version === undefined ? [] : journeySkipFigures(deps.db, workspaceId, input, { ...options, version }),
    version === undefined ? [] : journeySplits(deps.db, workspaceId, input, { ...options, version }),
  ]);
  return {
    journey,
    windowDays,
    version: version ?? null,
    publishedVersions: published.map((p) => p.version).sort((a, b) => b - a),
    /** Step id → node type, to name steps and outputs in the UI language. */
    stepTypes: Object.fromEntries(Object.entries(program?.steps ?? {}).map(([id, s]) => [id, s.type])),
    goalEvent: program?.settings.goal?.eventName ?? null,
    ...versions,
    steps,
    skips,
    splits,
  };
}
