import { z } from 'zod';
import { defineNode } from './define-node';

/**
 * birthday: the `birthday` column (a calendar date); signup: when the customer was created
 * (`customers.created_at`, on their local date); attribute: a date in the profile's
 * attributes at a dotted path (`contract.start`), a calendar date or an ISO instant.
 */
export const anniversaryDateFields = ['birthday', 'signup', 'attribute'] as const;

const attributePath = /^[^.\s]+(\.[^.\s]+)*$/;

export const dateAnniversaryTriggerConfig = z
  .object({
    dateField: z.enum(anniversaryDateFields),
    attribute: z.string().trim().max(200, 'at most 200 characters').default(''),
    /** Days after the anniversary (negative: before it, −3 = three days before); limited to two months. */
    offsetDays: z
      .number()
      .int('must be a whole number')
      .min(-60, 'must be at least -60')
      .max(60, 'must be at most 60')
      .default(0),
    /** Local hour in the customer's own time zone from which the run may start. */
    hour: z.number().int().min(0, 'hour must be 0–23').max(23, 'hour must be 0–23'),
  })
  .superRefine((c, ctx) => {
    if (c.dateField !== 'attribute') return;
    if (c.attribute === '')
      ctx.addIssue({
        code: 'too_small',
        origin: 'string',
        minimum: 1,
        inclusive: true,
        path: ['attribute'],
        message: 'name the date attribute',
      });
    else if (!attributePath.test(c.attribute))
      ctx.addIssue({
        code: 'invalid_format',
        format: 'regex',
        pattern: attributePath.source,
        path: ['attribute'],
        message: 'write the attribute as keys joined by dots, without spaces (contract.start)',
      });
  });

export type DateAnniversaryTriggerConfig = z.output<typeof dateAnniversaryTriggerConfig>;

/** Enters each customer once a year on (or a number of days around) a date of their profile. */
export const dateAnniversaryTrigger = defineNode({
  type: 'trigger_date_anniversary',
  kind: 'trigger',
  label: 'Date anniversary',
  configSchema: dateAnniversaryTriggerConfig,
  defaultConfig: {
    dateField: 'birthday',
    attribute: '',
    offsetDays: 0,
    hour: 9,
  } satisfies DateAnniversaryTriggerConfig,
  fields: [
    { name: 'dateField', input: 'select', options: anniversaryDateFields },
    { name: 'attribute', input: 'text', showWhen: { field: 'dateField', equals: ['attribute'] } },
    { name: 'offsetDays', input: 'number' },
    { name: 'hour', input: 'hour' },
  ],
  outputs: () => ['next'],
  // The direction and the size of the offset apart, so the message reads "3 days before".
  summaryValues: (c) => ({
    dateField: c.dateField,
    attribute: c.attribute,
    when: c.offsetDays === 0 ? 'on' : c.offsetDays < 0 ? 'before' : 'after',
    days: Math.abs(c.offsetDays),
    hour: c.hour,
  }),
});
