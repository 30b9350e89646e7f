import { birthdayTriggerConfig } from './nodes/birthday-trigger';
import {
  dateAnniversaryTriggerConfig,
  type DateAnniversaryTriggerConfig,
} from './nodes/date-anniversary-trigger';

/**
 * Triggers that enter customers on a date of their profile: an hourly scan (a Temporal
 * Schedule per live journey) starts their runs, keyed by the anniversary's local year.
 * `trigger_birthday` is the first of them and stays as it is (journeys and histories that
 * use it); it reads as a date anniversary on the birthday without offset.
 */
export const dateTriggerTypes = ['trigger_birthday', 'trigger_date_anniversary'] as const;

export function isDateTrigger(type: string | null | undefined): boolean {
  return (dateTriggerTypes as readonly string[]).includes(type ?? '');
}

/** The anniversary rule of a date trigger, or null for any other trigger. Throws on a config that does not parse. */
export function anniversaryRuleOf(trigger: {
  type: string;
  config: Record<string, unknown>;
}): DateAnniversaryTriggerConfig | null {
  switch (trigger.type) {
    case 'trigger_birthday': {
      const { hour } = birthdayTriggerConfig.parse(trigger.config);
      return { dateField: 'birthday', attribute: '', offsetDays: 0, hour };
    }
    case 'trigger_date_anniversary':
      return dateAnniversaryTriggerConfig.parse(trigger.config);
    default:
      return null;
  }
}
