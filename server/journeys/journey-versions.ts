import { TRPCError } from '@trpc/server';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { journeys, journeyVersions, users } from '../../db/schema';
import { journeyGraphSchema, type JourneyGraph } from '../../workflows/journey/graph';
import {
  countDiff,
  diffConfig,
  diffGraphs,
  type FieldChange,
  type GraphDiff,
  type GraphDiffCounts,
} from '../../workflows/journey/graph-diff';
import type { JourneyProgram } from '../../workflows/journey/program';
import { opaqueIdSchema } from '../ids';

/*
 * The version history of one journey: every published version with who published it and
 * when, and what changed against the version before it (the first against nothing).
 */

export const journeyVersionsInput = z.object({ id: opaqueIdSchema });
export const journeyVersionInput = z.object({
  id: opaqueIdSchema,
  version: z.number().int().min(1).max(1_000_000),
});

export interface Publisher {
  name: string;
  email: string;
}

export interface JourneyVersionSummary {
  version: number;
  publishedAt: Date;
  /** Null for versions published before publishers were recorded, through the API, or by a deleted account. */
  publisher: Publisher | null;
  live: boolean;
  counts: GraphDiffCounts;
  /** Settings (re-entry, goal, window, quiet hours, cap, lateness) that differ from the version before. */
  settingsChanged: number;
}

export interface JourneyVersionsList {
  journey: { id: string; name: string; status: string; liveVersion: number | null };
  /** Newest first. */
  versions: JourneyVersionSummary[];
}

export interface JourneyVersionDetail extends JourneyVersionSummary {
  graph: JourneyGraph;
  program: JourneyProgram;
  previousVersion: number | null;
  diff: GraphDiff;
  /** By setting path (`reentry`, `quietHours.startHour`); empty for the first version. */
  settingsChanges: FieldChange[];
}

async function findJourney(db: Database, workspaceId: string, journeyId: string) {
  const [journey] = await db
    .select({
      id: journeys.id,
      name: journeys.name,
      status: journeys.status,
      liveVersion: journeys.liveVersion,
    })
    .from(journeys)
    .where(and(eq(journeys.id, journeyId), eq(journeys.workspaceId, workspaceId)));
  if (!journey) throw new TRPCError({ code: 'NOT_FOUND', message: 'This journey does not exist.' });
  return journey;
}

/**
 * All versions, oldest first, with their graphs: each diff needs the one before it.
 * A journey gains a version per publish, so this stays in the tens to hundreds of rows.
 */
async function loadVersions(db: Database, workspaceId: string, journeyId: string) {
  const rows = await db
    .select({
      version: journeyVersions.version,
      publishedAt: journeyVersions.publishedAt,
      graph: journeyVersions.graph,
      program: journeyVersions.program,
      publisherName: users.name,
      publisherEmail: users.email,
    })
    .from(journeyVersions)
    .leftJoin(users, eq(users.id, journeyVersions.publishedBy))
    .where(and(eq(journeyVersions.journeyId, journeyId), eq(journeyVersions.workspaceId, workspaceId)))
    .orderBy(asc(journeyVersions.version));
  // Stored graphs passed this schema when they were saved; parsing again keeps the diff honest
  // about what it reads from jsonb.
  return rows.map((row) => ({
    ...row,
    graph: journeyGraphSchema.parse(row.graph),
    publisher:
      row.publisherName !== null && row.publisherEmail !== null
        ? { name: row.publisherName, email: row.publisherEmail }
        : null,
  }));
}

const emptyGraph: JourneyGraph = { nodes: [], edges: [] };

/** The first version has nothing to differ from: its settings are not "changes". */
function settingsChanges(previous: JourneyProgram | undefined, current: JourneyProgram): FieldChange[] {
  return previous ? diffConfig(previous.settings, current.settings) : [];
}

export async function listJourneyVersions(
  db: Database,
  input: { workspaceId: string; journeyId: string },
): Promise<JourneyVersionsList> {
  const journey = await findJourney(db, input.workspaceId, input.journeyId);
  const rows = await loadVersions(db, input.workspaceId, input.journeyId);
  const versions = rows.map((row, index) => ({
    version: row.version,
    publishedAt: row.publishedAt,
    publisher: row.publisher,
    live: row.version === journey.liveVersion,
    counts: countDiff(diffGraphs(rows[index - 1]?.graph ?? emptyGraph, row.graph)),
    settingsChanged: settingsChanges(rows[index - 1]?.program, row.program).length,
  }));
  return { journey, versions: versions.reverse() };
}

export async function getJourneyVersion(
  db: Database,
  input: { workspaceId: string; journeyId: string; version: number },
): Promise<JourneyVersionDetail> {
  const journey = await findJourney(db, input.workspaceId, input.journeyId);
  const rows = await loadVersions(db, input.workspaceId, input.journeyId);
  const index = rows.findIndex((row) => row.version === input.version);
  const row = rows[index];
  if (!row) {
    throw new TRPCError({ code: 'NOT_FOUND', message: `This journey has no version ${input.version}.` });
  }
  // Versions are numbered without gaps, but the one before is the previous row either way.
  const previous = rows[index - 1] ?? null;
  const diff = diffGraphs(previous?.graph ?? emptyGraph, row.graph);
  return {
    version: row.version,
    publishedAt: row.publishedAt,
    publisher: row.publisher,
    live: row.version === journey.liveVersion,
    counts: countDiff(diff),
    settingsChanged: settingsChanges(previous?.program, row.program).length,
    settingsChanges: settingsChanges(previous?.program, row.program),
    graph: row.graph,
    program: row.program,
    previousVersion: previous?.version ?? null,
    diff,
  };
}
