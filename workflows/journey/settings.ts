import { z } from 'zod';
import { propertyFiltersSchema } from './property-filter';

/**
 * How a journey admits and releases customers, set by the marketer per journey and
 * compiled into every version's program. All fields have defaults so programs published
 * before a field existed still parse.
 */
export const reentryPolicies = ['once', 'once_per_period', 'after_exit'] as const;
export const reentryPeriods = ['day', 'week', 'month', 'year'] as const;

const hour = z.number().int().min(0, 'hour must be 0–23').max(23, 'hour must be 0–23');

export const journeySettingsObject = z.object({
  /**
   * once: a customer enters at most once ever; once_per_period: once per `reentryPeriod`
   * (by the triggering event's time in the workspace zone); after_exit: again once the
   * previous run has ended. Enforced by the run's workflow id and id-reuse policy.
   */
  reentry: z.enum(reentryPolicies).default('after_exit'),
  reentryPeriod: z.enum(reentryPeriods).default('year'),
  /** A run ends early, counted as converted, when the customer does this. */
  goal: z
    .object({
      eventName: z.string().trim().min(1, 'name the goal event').max(200),
      filters: propertyFiltersSchema,
    })
    .nullable()
    .default(null),
  /** Entries are accepted only inside this window (ISO instants); null: open. */
  activeFrom: z.iso.datetime({ offset: true }).nullable().default(null),
  activeUntil: z.iso.datetime({ offset: true }).nullable().default(null),
  /** No email is sent between these local hours of the customer; sends wait for the end. */
  quietHours: z.object({ startHour: hour, endHour: hour }).nullable().default(null),
  /** At most `count` marketing emails per customer in `periodHours`, across journeys; later ones wait. */
  emailCap: z
    .object({
      count: z.number().int().min(1).max(100),
      periodHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 90),
    })
    .nullable()
    .default(null),
  /** A date-triggered step that comes later than this after its time is skipped (recorded). */
  maxLatenessMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .nullable()
    .default(null),
});

export const journeySettingsSchema = journeySettingsObject.superRefine((s, ctx) => {
  if (s.activeFrom && s.activeUntil && Date.parse(s.activeUntil) <= Date.parse(s.activeFrom))
    ctx.addIssue({ code: 'custom', path: ['activeUntil'], message: 'the end must be after the start' });
  if (s.quietHours && s.quietHours.startHour === s.quietHours.endHour)
    ctx.addIssue({ code: 'custom', path: ['quietHours', 'endHour'], message: 'start and end must differ' });
});

export type JourneySettings = z.output<typeof journeySettingsSchema>;
export const defaultJourneySettings: JourneySettings = journeySettingsSchema.parse({});
