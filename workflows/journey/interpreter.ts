import type { ActivityCall } from './activities-contract';
import { findNodeType } from './nodes';
import type { JourneyProgram } from './program';

/**
 * The pure core of a journey run: `step(program, state, input) → { state, effects }`.
 * It never performs a side effect; it says which one it needs as data. The Temporal
 * workflow, the simulator and unit tests are three runners of the same semantics.
 */
export interface RunState {
  status: 'running' | 'completed' | 'failed';
  /** The step whose effect is outstanding, or null before start and after the end. */
  currentStepId: string | null;
  /** Steps completed, in order, with the output each one took. */
  path: Array<{ stepId: string; output: string }>;
  /** Results of earlier steps, by step id (for later steps and templates, e.g. a voucher code). */
  results: Record<string, unknown>;
  error?: string;
}

export type Effect =
  | ({ kind: 'activity'; stepId: string } & ActivityCall)
  | { kind: 'complete' }
  | { kind: 'fail'; reason: string };

export type RunInput = { kind: 'start' } | { kind: 'activity_result'; stepId: string; result: unknown };

export interface StepOutcome {
  state: RunState;
  effects: Effect[];
}

export const initialRunState: RunState = { status: 'running', currentStepId: null, path: [], results: {} };

export function step(program: JourneyProgram, state: RunState, input: RunInput): StepOutcome {
  if (state.status !== 'running') return { state, effects: [] };
  if (input.kind === 'start') {
    if (state.currentStepId !== null || state.path.length > 0) return { state, effects: [] };
    return enter(program, state, program.entry);
  }
  if (input.stepId !== state.currentStepId) {
    // A result for a step we are not waiting on (a duplicate delivery): ignore it.
    return { state, effects: [] };
  }
  const current = program.steps[input.stepId];
  const type = current && findNodeType(current.type);
  if (!current || !type) return fail(state, `Step "${input.stepId}" is not in the program.`);
  const output = type.outputAfter(current.config, input.result);
  const advanced: RunState = {
    ...state,
    path: [...state.path, { stepId: current.id, output }],
    results: { ...state.results, [current.id]: input.result },
  };
  return enter(program, advanced, current.next[output] ?? null);
}

function enter(program: JourneyProgram, state: RunState, stepId: string | null): StepOutcome {
  if (stepId === null) {
    return { state: { ...state, status: 'completed', currentStepId: null }, effects: [{ kind: 'complete' }] };
  }
  const target = program.steps[stepId];
  const type = target && findNodeType(target.type);
  if (!target || !type) return fail(state, `Step "${stepId}" is not in the program.`);
  if (!type.action)
    return fail(state, `Step "${stepId}" (${target.type}) has no action the interpreter can run.`);
  const call = type.action(target.config);
  return {
    state: { ...state, currentStepId: stepId },
    effects: [{ kind: 'activity', stepId, ...call }],
  };
}

function fail(state: RunState, reason: string): StepOutcome {
  return {
    state: { ...state, status: 'failed', currentStepId: null, error: reason },
    effects: [{ kind: 'fail', reason }],
  };
}
