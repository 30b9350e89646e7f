import { z } from 'zod';
import { defineNode } from './define-node';

export const manualTriggerConfig = z.object({});

/**
 * Entered only on request: the enrolment API (`POST /api/v1/journeys/{id}/enrolments`)
 * or an admin. No event starts it.
 */
export const manualTrigger = defineNode({
  type: 'trigger_manual',
  kind: 'trigger',
  label: 'Manual or API',
  configSchema: manualTriggerConfig,
  defaultConfig: {},
  fields: [],
  outputs: () => ['next'],
  summaryValues: () => ({}),
});
