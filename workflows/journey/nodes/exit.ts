import { z } from 'zod';
import { defineNode } from './define-node';

/** Ends the run here, recorded as left by an exit step (a run also ends after a step with no next). */
export const exitNode = defineNode({
  type: 'exit',
  kind: 'flow',
  label: 'Exit',
  configSchema: z.object({}),
  defaultConfig: {},
  fields: [],
  outputs: () => [],
  summaryValues: () => ({}),
  plan: () => ({ kind: 'exit' }),
});
