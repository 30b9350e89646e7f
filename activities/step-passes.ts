import { z } from 'zod';
import type { Database } from '../db/client';
import { recordStepPasses } from '../db/journeys/step-passes';
import type { StepPassActivities } from '../workflows/journey/activities-contract';

const recordStepPassesInput = z.object({
  workspaceId: z.string().min(1),
  journeyId: z.string().min(1),
  journeyVersion: z.number().int().positive(),
  runId: z.string().min(1),
  fromIndex: z.number().int().min(0),
  passes: z.array(z.object({ stepId: z.string().min(1), output: z.string().min(1) })).max(10_000),
  at: z.iso.datetime(),
  skipsFromIndex: z.number().int().min(0).optional(),
  skips: z
    .array(z.object({ stepId: z.string().min(1), reason: z.string().min(1) }))
    .max(10_000)
    .optional(),
  ended: z
    .object({
      outcome: z.enum(['completed', 'goal', 'exit_node', 'failed']),
      customerId: z.string().min(1),
      enteredAt: z.iso.datetime(),
    })
    .optional(),
});

/** The run's own record of where it went; idempotent by run and path position. */
export function createStepPassActivities(deps: { db: Database }): StepPassActivities {
  return {
    async recordStepPasses(input) {
      await recordStepPasses(deps.db, recordStepPassesInput.parse(input));
    },
  };
}
