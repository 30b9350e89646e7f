import { sql, type SQL } from 'drizzle-orm';
import { addDays, type DateRange } from '../date-range';

export interface RunFilter {
  workspaceId: string;
  journeyId?: string;
  version?: number;
  range: DateRange;
  timeZone: string;
  /** Conversion window after entry, in days. */
  windowDays: number;
}

/**
 * A `with` clause naming `entered_runs`: one row per run of the filter that entered in the
 * range (whole local days), from its step passes and its end row. A run still going has no
 * end row, so its entry is its first pass. `converted` is null when the version has no goal;
 * a run ended by the goal converted, and so did an ended run whose customer did the goal event
 * (by name) within the window after entry. A run still going has not reached the goal, which
 * would have ended it, so it counts as not converted (yet).
 */
export function enteredRunsCte(f: RunFilter): SQL {
  const passFilter = sql.join(
    [
      sql`workspace_id = ${f.workspaceId}`,
      ...(f.journeyId === undefined ? [] : [sql`journey_id = ${f.journeyId}`]),
      ...(f.version === undefined ? [] : [sql`journey_version = ${f.version}`]),
    ],
    sql` and `,
  );
  return sql`
    with first_passes as (
      select run_id, journey_id, journey_version, min(passed_at) as first_at
      from journey_step_passes where ${passFilter}
      group by 1, 2, 3),
    ends as (select * from journey_run_ends where ${passFilter}),
    runs as (
      select coalesce(e.run_id, p.run_id) as run_id,
        coalesce(e.journey_id, p.journey_id) as journey_id,
        coalesce(e.journey_version, p.journey_version) as journey_version,
        coalesce(e.entered_at, p.first_at) as entered_at,
        e.outcome, e.customer_id
      from first_passes p full join ends e on e.run_id = p.run_id),
    entered_runs as (
      select r.*,
        case
          when goal.event_name is null then null
          when r.outcome = 'goal' then true
          when r.outcome is null then false
          else exists (
            select 1 from events ev
            where ev.workspace_id = ${f.workspaceId} and ev.customer_id = r.customer_id
              and ev.name = goal.event_name
              and ev.occurred_at between r.entered_at and r.entered_at + make_interval(days => ${f.windowDays}))
        end as converted,
        r.entered_at + make_interval(days => ${f.windowDays}) > now() as window_open
      from runs r
      left join journey_versions jv on jv.journey_id = r.journey_id and jv.version = r.journey_version
      left join lateral (select jv.program -> 'settings' -> 'goal' ->> 'eventName' as event_name) goal on true
      where r.entered_at >= (${f.range.from}::date)::timestamp at time zone ${f.timeZone}
        and r.entered_at < (${addDays(f.range.to, 1)}::date)::timestamp at time zone ${f.timeZone})`;
}
