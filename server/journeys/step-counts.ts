import { and, eq } from 'drizzle-orm';
import type { Env } from '../../config/env';
import type { Database } from '../../db/client';
import { stepPassCounts } from '../../db/journeys/step-passes';
import { journeys } from '../../db/schema';
import { runVisibilityQuery } from '../runs/visibility-query';
import type { TemporalHandle } from '../temporal/client';

export interface StepCounts {
  /** Runs that passed each step, all versions together, by the output they took. */
  passed: Record<string, { runs: number; byOutput: Record<string, number> }>;
  /** Running runs at each step now (waiting there, or doing its action); null when Temporal cannot be asked. */
  here: Record<string, number> | null;
  /** Runs ever started: what passed the trigger. Null when Temporal cannot be asked. */
  entered: number | null;
}

/** Caps the fallback's one-count-per-step on servers without GROUP BY on a custom attribute. */
const maxCountedSteps = 300;

/**
 * The canvas' per-step figures for a journey: where its running customers are now (from
 * Temporal visibility's `JourneyStep`, which trails by about a second) and how many passed
 * each step (the runs' own records in Postgres). Null when the journey is not the workspace's.
 */
export async function journeyStepCounts(
  deps: { db: Database; env: Env; temporal: () => Promise<TemporalHandle> },
  input: { workspaceId: string; journeyId: string; stepIds: readonly string[] },
): Promise<StepCounts | null> {
  const [journey] = await deps.db
    .select({ id: journeys.id })
    .from(journeys)
    .where(and(eq(journeys.workspaceId, input.workspaceId), eq(journeys.id, input.journeyId)));
  if (!journey) return null;
  const rows = await stepPassCounts(deps.db, { workspaceId: input.workspaceId, journeyId: input.journeyId });
  const passed: StepCounts['passed'] = {};
  for (const row of rows) {
    const entry = (passed[row.stepId] ??= { runs: 0, byOutput: {} });
    // Runs per output are distinct; a run taking two outputs of one step (a loop) counts once per output.
    entry.runs += row.runs;
    entry.byOutput[row.output] = row.runs;
  }
  const [here, entered] = await Promise.all([runsPerStep(deps, input), enteredRuns(deps, input)]);
  return { passed, here, entered };
}

async function enteredRuns(
  deps: { temporal: () => Promise<TemporalHandle> },
  input: { workspaceId: string; journeyId: string },
): Promise<number | null> {
  try {
    const { client } = await deps.temporal();
    return (
      await client.workflow.count(runVisibilityQuery(input.workspaceId, { journeyId: input.journeyId }))
    ).count;
  } catch {
    return null;
  }
}

async function runsPerStep(
  deps: { temporal: () => Promise<TemporalHandle> },
  input: { workspaceId: string; journeyId: string; stepIds: readonly string[] },
): Promise<Record<string, number> | null> {
  try {
    const { client } = await deps.temporal();
    const running = runVisibilityQuery(input.workspaceId, { journeyId: input.journeyId }, 'running');
    try {
      const grouped = await client.workflow.count(`${running} GROUP BY JourneyStep`);
      return Object.fromEntries(
        grouped.groups.map((group) => [String(group.groupValues[0] ?? ''), group.count] as const),
      );
    } catch {
      // Visibility stores that group only by ExecutionStatus: one count per step.
      const counts = await Promise.all(
        input.stepIds.slice(0, maxCountedSteps).map(async (stepId) => {
          const query = runVisibilityQuery(
            input.workspaceId,
            { journeyId: input.journeyId, step: stepId },
            'running',
          );
          return [stepId, (await client.workflow.count(query)).count] as const;
        }),
      );
      return Object.fromEntries(counts.filter(([, count]) => count > 0));
    }
  } catch {
    return null;
  }
}
