import { z } from 'zod';
import { journeySettingsObject, reentryPolicies } from './settings';

/** One executable step: its node type, its validated config and where each output leads. */
export const programStepSchema = z.object({
  id: z.string(),
  type: z.string(),
  config: z.record(z.string(), z.unknown()),
  /** Output handle → next step id; null ends the run on that output. */
  next: z.record(z.string(), z.string().nullable()),
});

/** The compiled, immutable journey: what a run executes, carried as workflow input. */
export const journeyProgramSchema = z.object({
  journeyId: z.string(),
  workspaceId: z.string(),
  version: z.number().int().positive(),
  trigger: z.object({ nodeId: z.string(), type: z.string(), config: z.record(z.string(), z.unknown()) }),
  /**
   * The journey's settings at publish time. `once_per_year` is what birthday journeys of
   * the foundation were published with: their entry key is the customer's local year.
   */
  settings: journeySettingsObject.extend({
    reentry: z.enum([...reentryPolicies, 'once_per_year']).default('after_exit'),
  }),
  entry: z.string().nullable(),
  steps: z.record(z.string(), programStepSchema),
});

export type ProgramStep = z.infer<typeof programStepSchema>;
export type JourneyProgram = z.infer<typeof journeyProgramSchema>;
