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
  configSchema: birthdayTriggerConfig,
  defaultConfig: { hour: 9 },
  fields: [{ name: 'hour', input: 'hour' }],
  outputs: () => ['next'],
  summaryValues: (c) => ({ hour: c.hour }),
});
