import { and, eq, or, sql } from 'drizzle-orm';
import { eventTriggerOf, type EventTrigger } from '../../workflows/journey/event-trigger';
import { journeyProgramSchema, type JourneyProgram } from '../../workflows/journey/program';
import type { Executor } from '../client';
import { journeys, journeyVersions } from '../schema';

export interface EventTriggeredJourney {
  journeyId: string;
  /** The live version's program as stored: what a new run receives. */
  program: JourneyProgram;
  /** Its settings with defaults filled in (programs published before a setting existed lack it). */
  settings: JourneyProgram['settings'];
  trigger: EventTrigger;
}

/**
 * The workspace's live journeys whose live version is entered by an event of this name.
 * Paused and stopped journeys are not live, so they admit no one. The SQL narrows by the
 * trigger's type and event name; `eventTriggerOf` then decides, so it stays the one place
 * that knows which trigger listens to what.
 */
export async function eventTriggeredJourneys(
  db: Executor,
  workspaceId: string,
  eventName: string,
): Promise<EventTriggeredJourney[]> {
  const triggerType = sql<string>`${journeyVersions.program} -> 'trigger' ->> 'type'`;
  const rows = await db
    .select({ journeyId: journeys.id, program: journeyVersions.program })
    .from(journeys)
    .innerJoin(
      journeyVersions,
      and(
        eq(journeyVersions.journeyId, journeys.id),
        eq(journeyVersions.version, journeys.liveVersion),
        eq(journeyVersions.workspaceId, journeys.workspaceId),
      ),
    )
    .where(
      and(
        eq(journeys.workspaceId, workspaceId),
        eq(journeys.status, 'live'),
        or(
          and(
            sql`${triggerType} = 'trigger_event'`,
            sql`${journeyVersions.program} -> 'trigger' -> 'config' ->> 'eventName' = ${eventName}`,
          ),
          sql`${triggerType} in ('trigger_tier_changed', 'trigger_points_expiring', 'trigger_segment_entered')`,
        ),
      ),
    )
    .orderBy(journeys.id);
  const matching: EventTriggeredJourney[] = [];
  for (const row of rows) {
    const trigger = eventTriggerOf(row.program.trigger);
    if (!trigger || trigger.eventName !== eventName) continue;
    const settings = journeyProgramSchema.shape.settings.safeParse(row.program.settings ?? {});
    if (settings.success)
      matching.push({ journeyId: row.journeyId, program: row.program, settings: settings.data, trigger });
  }
  return matching;
}
