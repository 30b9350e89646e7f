import { z } from 'zod';
import { addDuration, durationSchema } from '../duration';
import { dateAttributeInstant, localTimeSchema, nextLocalTime, weekdaysSchema } from '../local-time';
import { readPath } from '../property-filter';
import { defineNode } from './define-node';

export const delayModes = ['duration', 'until_time', 'until_date_attribute'] as const;

// Strict: a misspelt key (`amount` beside `duration`) must be refused, not replaced by a default.
export const delayConfig = z
  .strictObject({
    /**
     * duration: wait `duration`; until_time: until the next `time` (on one of `weekdays`)
     * in the customer's zone; until_date_attribute: until the date in `attribute` plus
     * `offsetDays`, at `time` when the attribute holds a date without a time.
     */
    mode: z.enum(delayModes),
    duration: durationSchema.default({ amount: 1, unit: 'days' }),
    time: localTimeSchema.default('09:00'),
    weekdays: weekdaysSchema,
    attribute: z.string().trim().max(200).default(''),
    offsetDays: z
      .number()
      .int('must be a whole number')
      .min(-366, 'must be at least -366')
      .max(366, 'must be at most 366')
      .default(0),
  })
  .superRefine((c, ctx) => {
    if (c.mode === 'until_date_attribute' && c.attribute === '')
      ctx.addIssue({
        code: 'too_small',
        origin: 'string',
        minimum: 1,
        inclusive: true,
        path: ['attribute'],
        message: 'name the date attribute',
      });
  });

type Config = z.output<typeof delayConfig>;

/** Pauses the run: for a while, until a local time, or until a date of the profile. */
export const delay = defineNode({
  type: 'delay',
  kind: 'flow',
  label: 'Delay',
  configSchema: delayConfig,
  defaultConfig: {
    mode: 'duration',
    duration: { amount: 1, unit: 'days' },
    time: '09:00',
    weekdays: [],
    attribute: '',
    offsetDays: 0,
  } satisfies Config,
  fields: [
    { name: 'mode', input: 'select', options: delayModes },
    { name: 'duration', input: 'duration', showWhen: { field: 'mode', equals: ['duration'] } },
    {
      name: 'time',
      input: 'time',
      showWhen: { field: 'mode', equals: ['until_time', 'until_date_attribute'] },
    },
    { name: 'weekdays', input: 'weekdays', showWhen: { field: 'mode', equals: ['until_time'] } },
    { name: 'attribute', input: 'text', showWhen: { field: 'mode', equals: ['until_date_attribute'] } },
    { name: 'offsetDays', input: 'number', showWhen: { field: 'mode', equals: ['until_date_attribute'] } },
  ],
  outputs: () => ['next'],
  summaryValues: (c) => ({
    mode: c.mode,
    amount: c.duration.amount,
    unit: c.duration.unit,
    time: c.time,
    days: c.weekdays.length,
    attribute: c.attribute,
    offsetDays: c.offsetDays,
  }),
  plan: (c, { now, profile }) => {
    const timeZone = profile?.timeZone ?? 'UTC';
    switch (c.mode) {
      case 'duration':
        return { kind: 'sleep', until: addDuration(now, c.duration, timeZone) };
      case 'until_time':
        return { kind: 'sleep', until: nextLocalTime(now, timeZone, c.time, c.weekdays) };
      case 'until_date_attribute': {
        const value = readPath(profile?.attributes ?? {}, c.attribute);
        const until = dateAttributeInstant(value, c.offsetDays, c.time, timeZone);
        // No date to wait for: go on at once and say why. A date already past also goes on at once.
        if (until === null)
          return {
            kind: 'skip',
            output: 'next',
            reason:
              value === undefined || value === null ? 'missing_date_attribute' : 'invalid_date_attribute',
          };
        return { kind: 'sleep', until };
      }
    }
  },
  waits: true,
});
