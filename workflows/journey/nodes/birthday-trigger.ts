import { z } from 'zod';
import { defineNode } from './define-node';

export const birthdayTriggerConfig = z.object({
  /** Local hour in the customer's own time zone from which the run may start. */
  hour: z.number().int().min(0, 'hour must be 0–23').max(23, 'hour must be 0–23'),
});

export const birthdayTrigger = defineNode({
  type: 'trigger_birthday',
  kind: 'trigger',
  label: 'Birthday',
  icon: '🎂',
  description:
    "Enters each customer once a year on their birthday, at a local hour in the customer's time zone.",
  configSchema: birthdayTriggerConfig,
  defaultConfig: { hour: 9 },
  fields: [
    { name: 'hour', label: 'Local hour', input: 'hour', help: "Hour of the day in the customer's time zone" },
  ],
  outputs: () => ['next'],
  summary: (c) => `On the birthday · from ${String(c.hour).padStart(2, '0')}:00 local time`,
});
