import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import type { DateRange } from '../date-range';
import { num, percent } from '../figure';
import { queryRows } from '../query';
import { enteredRunsCte, type RunFilter } from './entered-runs';
import { compareSplit, type SplitComparison } from './split-comparison';

/** The conversion window when the report does not name one. */
export const defaultConversionWindowDays = 7;

/** Runs of one journey version that entered in the range, and how those ended. */
export interface JourneyVersionFigures {
  journeyId: string;
  name: string | null;
  version: number;
  /** Runs with a step pass or an end row. */
  entered: number;
  ended: number;
  completed: number;
  goal: number;
  exitNode: number;
  failed: number;
  /** The goal's event name in this version's program; null: no goal, so no conversion. */
  goalEvent: string | null;
  /** Runs that reached the goal, or whose customer did the goal event within the window after entry. */
  converted: number | null;
  /** converted ÷ entered, in percent. */
  conversionRate: number | null;
  /** Entered less than the window ago: they may still convert. */
  windowOpen: number;
}

export interface StepOutputFigures {
  stepId: string;
  output: string;
  /** A run that went round a loop twice counts twice. */
  passes: number;
  runs: number;
  /** Runs that took this output ÷ runs that passed the step, in percent. */
  share: number | null;
}

export interface StepSkipFigures {
  stepId: string;
  /** A code (`no_marketing_consent`, `late`, `admin skip`…) or an activity's own sentence. */
  reason: string;
  /** A run skipped twice at the step (a loop) counts twice. */
  skips: number;
  runs: number;
  /** Runs skipped there for this reason ÷ runs that passed the step, in percent. */
  share: number | null;
}

export interface SplitReport {
  stepId: string;
  comparison: SplitComparison;
}

export interface JourneyReportOptions {
  journeyId?: string;
  version?: number;
  windowDays?: number;
}

async function runFilter(
  db: Executor,
  workspaceId: string,
  range: DateRange,
  options: JourneyReportOptions,
): Promise<RunFilter> {
  const [workspace] = await queryRows<{ time_zone: string }>(
    db,
    sql`select time_zone from workspaces where id = ${workspaceId}`,
  );
  return {
    workspaceId,
    journeyId: options.journeyId,
    version: options.version,
    range,
    timeZone: workspace?.time_zone ?? 'UTC',
    windowDays: options.windowDays ?? defaultConversionWindowDays,
  };
}

/** Per journey and version: entered, ended by outcome and goal conversion, for runs entered in the range. */
export async function journeyVersionFigures(
  db: Executor,
  workspaceId: string,
  range: DateRange,
  options: JourneyReportOptions = {},
): Promise<JourneyVersionFigures[]> {
  const filter = await runFilter(db, workspaceId, range, options);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`${enteredRunsCte(filter)}
      select r.journey_id, j.name, r.journey_version,
        count(*) as entered, count(r.outcome) as ended,
        count(*) filter (where r.outcome = 'completed') as completed,
        count(*) filter (where r.outcome = 'goal') as goal,
        count(*) filter (where r.outcome = 'exit_node') as exit_node,
        count(*) filter (where r.outcome = 'failed') as failed,
        count(*) filter (where r.converted) as converted,
        bool_or(r.converted is not null) as has_goal,
        count(*) filter (where r.window_open) as window_open,
        (select program -> 'settings' -> 'goal' ->> 'eventName' from journey_versions jv
          where jv.journey_id = r.journey_id and jv.version = r.journey_version) as goal_event
      from entered_runs r
      left join journeys j on j.id = r.journey_id and j.workspace_id = ${workspaceId}
      group by r.journey_id, j.name, r.journey_version
      order by j.name, r.journey_id, r.journey_version desc`,
  );
  return rows.map((r) => {
    const entered = num(r.entered);
    const converted = r.has_goal ? num(r.converted) : null;
    return {
      journeyId: String(r.journey_id),
      name: r.name === null ? null : String(r.name),
      version: num(r.journey_version),
      entered,
      ended: num(r.ended),
      completed: num(r.completed),
      goal: num(r.goal),
      exitNode: num(r.exit_node),
      failed: num(r.failed),
      goalEvent: typeof r.goal_event === 'string' ? r.goal_event : null,
      converted,
      conversionRate: converted === null ? null : percent(converted, entered),
      windowOpen: num(r.window_open),
    };
  });
}

/** Passes per step and output of one journey (one version, or all), for runs entered in the range. */
export async function journeyStepFigures(
  db: Executor,
  workspaceId: string,
  range: DateRange,
  options: JourneyReportOptions & { journeyId: string },
): Promise<StepOutputFigures[]> {
  const filter = await runFilter(db, workspaceId, range, options);
  const rows = await queryRows<{ step_id: string; output: string; passes: string; runs: string }>(
    db,
    sql`${enteredRunsCte(filter)}
      select p.step_id, p.output, count(*) as passes, count(distinct p.run_id) as runs
      from journey_step_passes p join entered_runs r on r.run_id = p.run_id
      where p.workspace_id = ${workspaceId} and p.journey_id = ${options.journeyId}
      group by 1, 2
      order by 1, 2`,
  );
  const stepRuns = new Map<string, number>();
  for (const row of rows) stepRuns.set(row.step_id, (stepRuns.get(row.step_id) ?? 0) + num(row.runs));
  return rows.map((row) => ({
    stepId: row.step_id,
    output: row.output,
    passes: num(row.passes),
    runs: num(row.runs),
    share: percent(num(row.runs), stepRuns.get(row.step_id) ?? 0),
  }));
}

/**
 * Skips per step and reason of one journey version, for runs entered in the range, most
 * frequent first, each as a share of the runs that passed the step.
 */
export async function journeySkipFigures(
  db: Executor,
  workspaceId: string,
  range: DateRange,
  options: JourneyReportOptions & { journeyId: string; version: number },
): Promise<StepSkipFigures[]> {
  const filter = await runFilter(db, workspaceId, range, options);
  const rows = await queryRows<{
    step_id: string;
    reason: string;
    skips: string;
    runs: string;
    passed: string;
  }>(
    db,
    sql`${enteredRunsCte(filter)},
      skipped as (
        select s.step_id, s.reason, count(*) as skips, count(distinct s.run_id) as runs
        from journey_step_skips s join entered_runs r on r.run_id = s.run_id
        where s.workspace_id = ${workspaceId} and s.journey_id = ${options.journeyId}
          and s.journey_version = ${options.version}
        group by 1, 2
      )
      select k.step_id, k.reason, k.skips, k.runs,
        (select count(distinct p.run_id) from journey_step_passes p join entered_runs r on r.run_id = p.run_id
          where p.workspace_id = ${workspaceId} and p.journey_id = ${options.journeyId}
            and p.journey_version = ${options.version} and p.step_id = k.step_id) as passed
      from skipped k
      order by k.skips desc, k.step_id, k.reason`,
  );
  return rows.map((row) => ({
    stepId: row.step_id,
    reason: row.reason,
    skips: num(row.skips),
    runs: num(row.runs),
    share: percent(num(row.runs), num(row.passed)),
  }));
}

/**
 * Every random split of one version: conversion per branch and holdout with its Wilson
 * interval, each branch against the first and the holdout. Outputs no run took yet show as
 * zero runs, so a marketer sees the branch exists.
 */
export async function journeySplits(
  db: Executor,
  workspaceId: string,
  range: DateRange,
  options: JourneyReportOptions & { journeyId: string; version: number },
): Promise<SplitReport[]> {
  const [version] = await queryRows<{
    program: { steps?: Record<string, { type?: string; next?: object }> };
  }>(
    db,
    sql`select program from journey_versions
      where workspace_id = ${workspaceId} and journey_id = ${options.journeyId} and version = ${options.version}`,
  );
  const splits = Object.entries(version?.program.steps ?? {})
    .filter(([, step]) => step.type === 'random_split')
    .map(([id, step]) => ({ id, outputs: Object.keys(step.next ?? {}) }));
  if (splits.length === 0) return [];
  const filter = await runFilter(db, workspaceId, range, options);
  const rows = await queryRows<{ step_id: string; output: string; runs: string; converted: string }>(
    db,
    sql`${enteredRunsCte(filter)}
      select p.step_id, p.output, count(distinct p.run_id) as runs,
        count(distinct p.run_id) filter (where r.converted) as converted
      from journey_step_passes p join entered_runs r on r.run_id = p.run_id
      where p.workspace_id = ${workspaceId} and p.journey_id = ${options.journeyId}
        and p.journey_version = ${options.version}
        and p.step_id in (${sql.join(
          splits.map((s) => sql`${s.id}`),
          sql`, `,
        )})
      group by 1, 2`,
  );
  return splits.map((split) => {
    const taken = rows.filter((r) => r.step_id === split.id);
    const outputs = [...new Set([...split.outputs, ...taken.map((r) => r.output)])];
    return {
      stepId: split.id,
      comparison: compareSplit(
        outputs.map((output) => {
          const row = taken.find((r) => r.output === output);
          return { output, runs: num(row?.runs), converted: num(row?.converted) };
        }),
      ),
    };
  });
}
