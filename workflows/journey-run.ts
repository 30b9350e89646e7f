import {
  ApplicationFailure,
  defineQuery,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { JourneyActivities, StepContext, TriggerEvent } from './journey/activities-contract';
import { initialRunState, step, type RunInput, type RunState, type StepOutcome } from './journey/interpreter';
import type { JourneyProgram } from './journey/program';
import { JourneyStepKey } from './journey/search-attributes';

export interface JourneyRunInput {
  program: JourneyProgram;
  customerId: string;
  /** The event that started the run, for event-triggered journeys (formulas and templates read it). */
  triggerEvent?: TriggerEvent;
}

export const runStateQuery = defineQuery<RunState>('runState');

const activities = proxyActivities<JourneyActivities>({
  startToCloseTimeout: '2 minutes',
  // Activities are idempotent by run + step, so retrying is always safe.
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** The one workflow that runs journeys: a thin Temporal runner around the pure interpreter. */
export async function journeyRun({ program, customerId, triggerEvent }: JourneyRunInput): Promise<RunState> {
  let state = initialRunState;
  setHandler(runStateQuery, () => state);
  const context: Omit<StepContext, 'stepId'> = {
    workspaceId: program.workspaceId,
    journeyId: program.journeyId,
    journeyVersion: program.version,
    customerId,
    runId: workflowInfo().workflowId,
    ...(triggerEvent ? { triggerEvent } : {}),
  };

  let outcome: StepOutcome = step(program, state, { kind: 'start' });
  for (;;) {
    state = outcome.state;
    markStep(state.currentStepId ?? state.status);
    const effect = outcome.effects[0];
    if (!effect) return state;
    switch (effect.kind) {
      case 'complete':
        return state;
      case 'fail':
        throw ApplicationFailure.nonRetryable(effect.reason, 'JourneyProgramError');
      case 'activity': {
        const call = activities[effect.activity] as (input: unknown) => Promise<unknown>;
        // Emails may show what earlier steps produced (a voucher code), so they get the results so far.
        const earlier = effect.activity === 'sendEmail' ? { earlier: state.results } : {};
        const result = await call({ ...context, stepId: effect.stepId, ...effect.args, ...earlier });
        const input: RunInput = { kind: 'activity_result', stepId: effect.stepId, result };
        outcome = step(program, state, input);
        break;
      }
    }
  }
}

function markStep(value: string): void {
  upsertSearchAttributes([{ key: JourneyStepKey, value }]);
}
