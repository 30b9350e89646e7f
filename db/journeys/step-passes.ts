import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { journeyRunEnds, journeyStepPasses, journeyStepSkips } from '../schema';
import type { RecordStepPassesInput } from '../../workflows/journey/activities-contract';

/**
 * Writes a run's passes and skips, and how it ended on its last record; a row already written
 * (a retry, a replayed record) is left as it is. Returns the passes newly written.
 */
export async function recordStepPasses(db: Executor, input: RecordStepPassesInput): Promise<number> {
  const passedAt = new Date(input.at);
  if (input.ended) {
    await db
      .insert(journeyRunEnds)
      .values({
        runId: input.runId,
        workspaceId: input.workspaceId,
        journeyId: input.journeyId,
        journeyVersion: input.journeyVersion,
        customerId: input.ended.customerId,
        outcome: input.ended.outcome,
        enteredAt: new Date(input.ended.enteredAt),
        endedAt: passedAt,
      })
      .onConflictDoNothing();
  }
  const skips = input.skips ?? [];
  if (skips.length > 0) {
    const fromIndex = input.skipsFromIndex ?? 0;
    await db
      .insert(journeyStepSkips)
      .values(
        skips.map((skip, offset) => ({
          workspaceId: input.workspaceId,
          journeyId: input.journeyId,
          journeyVersion: input.journeyVersion,
          runId: input.runId,
          skipIndex: fromIndex + offset,
          stepId: skip.stepId,
          // Reasons are codes, or a sentence from an older activity; the report groups by them.
          reason: skip.reason.slice(0, 500),
          skippedAt: passedAt,
        })),
      )
      .onConflictDoNothing();
  }
  if (input.passes.length === 0) return 0;
  const rows = await db
    .insert(journeyStepPasses)
    .values(
      input.passes.map((pass, offset) => ({
        workspaceId: input.workspaceId,
        journeyId: input.journeyId,
        journeyVersion: input.journeyVersion,
        runId: input.runId,
        pathIndex: input.fromIndex + offset,
        stepId: pass.stepId,
        output: pass.output,
        passedAt,
      })),
    )
    .onConflictDoNothing()
    .returning({ pathIndex: journeyStepPasses.pathIndex });
  return rows.length;
}

export interface StepPassCount {
  stepId: string;
  output: string;
  /** Passes: a run that went round a loop twice counts twice. */
  passes: number;
  /** Distinct runs that took this output of this step. */
  runs: number;
}

/** How many runs passed each step of a journey (one version, or all), by the output they took. */
export async function stepPassCounts(
  db: Executor,
  filter: { workspaceId: string; journeyId: string; version?: number },
): Promise<StepPassCount[]> {
  const rows = await db
    .select({
      stepId: journeyStepPasses.stepId,
      output: journeyStepPasses.output,
      passes: sql<number>`count(*)::int`,
      runs: sql<number>`count(distinct ${journeyStepPasses.runId})::int`,
    })
    .from(journeyStepPasses)
    .where(
      and(
        eq(journeyStepPasses.workspaceId, filter.workspaceId),
        eq(journeyStepPasses.journeyId, filter.journeyId),
        filter.version === undefined ? undefined : eq(journeyStepPasses.journeyVersion, filter.version),
      ),
    )
    .groupBy(journeyStepPasses.stepId, journeyStepPasses.output);
  return rows;
}
