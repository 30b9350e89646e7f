import { z } from 'zod';
import { propertyFiltersSchema } from '../property-filter';
import { defineNode } from './define-node';

/** Event names as the tracking API stores them: any text a shop sends, trimmed. */
export const eventNameSchema = z.string().trim().min(1, 'name the event').max(200);

export const eventTriggerConfig = z.object({
  /** The `track` event's name (`Order Completed`), compared exactly as stored. */
  eventName: eventNameSchema,
  /** All must hold on the event's properties for the customer to enter. */
  filters: propertyFiltersSchema,
});

/** Enters the customer each time they do something (within the journey's re-entry policy). */
export const eventTrigger = defineNode({
  type: 'trigger_event',
  kind: 'trigger',
  label: 'Event',
  configSchema: eventTriggerConfig,
  defaultConfig: { eventName: '', filters: [] },
  fields: [
    { name: 'eventName', input: 'eventName' },
    { name: 'filters', input: 'filters' },
  ],
  outputs: () => ['next'],
  summaryValues: (c) => ({ eventName: c.eventName, filters: c.filters.length }),
});
