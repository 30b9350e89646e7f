import { z } from 'zod';
import { addDuration, durationSchema } from '../duration';
import { propertyFiltersSchema } from '../property-filter';
import { defineNode } from './define-node';

export const waitForEventConfig = z.object({
  /** The event that lets the run go on by `received`; only events arriving after the run got here count. */
  eventName: z.string().trim().min(1, 'name the event to wait for').max(200),
  filters: propertyFiltersSchema,
  /** Without the event within this time the run goes on by `timeout`. */
  timeout: durationSchema,
});

type Config = z.output<typeof waitForEventConfig>;

export const waitForEvent = defineNode({
  type: 'wait_for_event',
  kind: 'flow',
  label: 'Wait for event',
  configSchema: waitForEventConfig,
  defaultConfig: { eventName: '', filters: [], timeout: { amount: 3, unit: 'days' } } satisfies Config,
  fields: [
    { name: 'eventName', input: 'eventName' },
    { name: 'filters', input: 'filters' },
    { name: 'timeout', input: 'duration' },
  ],
  outputs: () => ['received', 'timeout'],
  summaryValues: (c) => ({
    eventName: c.eventName,
    filters: c.filters.length,
    amount: c.timeout.amount,
    unit: c.timeout.unit,
  }),
  plan: (c, { now, profile }) => ({
    kind: 'wait',
    eventName: c.eventName,
    filters: c.filters,
    timeoutAt: addDuration(now, c.timeout, profile?.timeZone ?? 'UTC'),
  }),
  waits: true,
});
