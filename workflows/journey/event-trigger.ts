import { eventTriggerConfig } from './nodes/event-trigger';
import { segmentEnteredTriggerConfig } from './nodes/segment-entered-trigger';
import { tierChangedTriggerConfig } from './nodes/tier-changed-trigger';
import type { PropertyFilter } from './property-filter';

/** The event a trigger listens to and the filters its properties must pass. */
export interface EventTrigger {
  eventName: string;
  filters: PropertyFilter[];
}

/** Event names the loyalty program emits (`db/events/emit-event.ts` callers). */
export const tierChangedEventName = 'tier_changed';
export const pointsExpiringEventName = 'points_expiring';
/** Emitted by the segment evaluation (`db/segments/segment-events.ts`), with `segmentId` and `segmentName`. */
export const segmentEnteredEventName = 'segment_entered';

/**
 * Which stored event enters a customer into a journey with this trigger, or null for
 * triggers no event starts (birthday: its schedule; manual: the enrolment API). The
 * dispatcher routes by this, so a new event-driven trigger type is added here once.
 * A config that no longer parses (it was valid when published) listens to nothing.
 */
export function eventTriggerOf(trigger: { type: string; config: unknown }): EventTrigger | null {
  switch (trigger.type) {
    case 'trigger_event': {
      const parsed = eventTriggerConfig.safeParse(trigger.config);
      return parsed.success ? { eventName: parsed.data.eventName, filters: parsed.data.filters } : null;
    }
    case 'trigger_tier_changed': {
      const parsed = tierChangedTriggerConfig.safeParse(trigger.config);
      if (!parsed.success) return null;
      const filters: PropertyFilter[] = [];
      if (parsed.data.direction !== 'any')
        filters.push({ property: 'direction', operator: 'equals', value: parsed.data.direction });
      if (parsed.data.tierId !== '')
        filters.push({ property: 'toTierId', operator: 'equals', value: parsed.data.tierId });
      return { eventName: tierChangedEventName, filters };
    }
    case 'trigger_points_expiring':
      return { eventName: pointsExpiringEventName, filters: [] };
    case 'trigger_segment_entered': {
      const parsed = segmentEnteredTriggerConfig.safeParse(trigger.config);
      if (!parsed.success) return null;
      return {
        eventName: segmentEnteredEventName,
        filters: [{ property: 'segmentId', operator: 'equals', value: parsed.data.segmentId }],
      };
    }
    default:
      return null;
  }
}
