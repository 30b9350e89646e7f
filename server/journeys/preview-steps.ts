import type { ProfileChange } from '../../workflows/journey/activities-contract';
import type { JourneyProgram } from '../../workflows/journey/program';
import type { SimulatedAction, SimulationResult } from '../../workflows/journey/simulate';
import type { PreviewEmail } from './preview-email';

/** What one step would do, as data the panel words in the marketer's language. */
export type PreviewEffect =
  | { kind: 'points_awarded'; points: number; balanceAfter: number; expiresAt: string | null }
  | { kind: 'points_deducted'; points: number; balanceAfter: number }
  | { kind: 'insufficient_points'; points: number; balance: number }
  | { kind: 'voucher_issued'; code: string; rewardName: string; pointsSpent: number; balanceAfter: number }
  | { kind: 'reward_unavailable'; reason: string }
  | { kind: 'tier_unchanged'; tierId: string | null }
  | { kind: 'email'; email: PreviewEmail }
  | { kind: 'profile_change'; change: ProfileChange }
  | { kind: 'webhook'; url: string; method: string; body: string; problem: string | null }
  | { kind: 'sleep'; until: string }
  | { kind: 'wait'; eventName: string; timeoutAt: string }
  | { kind: 'event'; name: string }
  | { kind: 'timer' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'deferred'; reason: string; until: string };

export interface PreviewStep {
  stepId: string;
  /** Catalog type, for the step's label on the panel. */
  nodeType: string;
  /** When the step finished (or, for the last one of a waiting run, when it started waiting). */
  at: string;
  /** The output taken; null: the run is still here at the end of the window. */
  output: string | null;
  effects: PreviewEffect[];
}

export type PreviewEnd =
  | { kind: 'completed'; at: string }
  | { kind: 'exit'; at: string; reason: 'goal' | 'exit_node' }
  | { kind: 'waiting'; at: string; stepId: string | null }
  | { kind: 'failed'; at: string; error: string };

/** What an activity action needs besides the action itself to become an effect (async: emails render). */
export interface EffectContext {
  action: SimulatedAction;
  balanceBefore: number;
  /** Results of the steps passed before this one, in path order. */
  earlier: Record<string, unknown>;
}

/**
 * The simulation's flat action list grouped under the steps of its path, in order, with the
 * trigger first. Each action goes to the next path entry of its step, so a step visited twice
 * (a loop through a wait) keeps its own actions; actions of the step a run ends in form the
 * last entry.
 */
export async function previewSteps(
  program: JourneyProgram,
  result: SimulationResult,
  options: {
    start: string;
    balance: number;
    activityEffect: (context: EffectContext) => Promise<PreviewEffect | null>;
  },
): Promise<{ steps: PreviewStep[]; end: PreviewEnd }> {
  const typeOf = (stepId: string) => program.steps[stepId]?.type ?? program.trigger.type;
  const path = result.path;
  const steps: PreviewStep[] = [
    {
      stepId: program.trigger.nodeId,
      nodeType: program.trigger.type,
      at: options.start,
      output: 'next',
      effects: [],
    },
    ...path.map((p) => ({
      stepId: p.stepId,
      nodeType: typeOf(p.stepId),
      at: '',
      output: p.output,
      effects: [],
    })),
  ];
  // A run still waiting has not passed its current step: it is the last entry, without an output.
  const finalStepId = result.status === 'waiting' ? result.state.currentStepId : null;
  const tail: PreviewStep | null =
    finalStepId && program.steps[finalStepId]
      ? { stepId: finalStepId, nodeType: typeOf(finalStepId), at: '', output: null, effects: [] }
      : null;

  let cursor = 0;
  let balance = options.balance;
  const timeOf = new Map<PreviewStep, string>();
  const deferrals = [...(result.state.deferrals ?? [])];
  for (const action of result.actions) {
    if (action.kind === 'exit') continue;
    let target: PreviewStep | null = null;
    for (let j = Math.max(cursor, 1); j < steps.length; j += 1) {
      if (steps[j]!.stepId === action.stepId) {
        cursor = j;
        target = steps[j]!;
        break;
      }
    }
    if (!target && tail && tail.stepId === action.stepId) target = tail;
    if (!target) continue;
    timeOf.set(target, action.at);
    const earlier = Object.fromEntries(
      path
        .slice(0, Math.max(0, cursor - 1))
        .flatMap((p) =>
          p.stepId in result.state.results ? [[p.stepId, result.state.results[p.stepId]]] : [],
        ),
    );
    // A put-off action sleeps too: shown where it happened, as the put-off it was.
    const deferral =
      action.kind === 'sleep'
        ? deferrals.find((d) => d.stepId === action.stepId && d.until === action.detail['until'])
        : undefined;
    if (deferral) deferrals.splice(deferrals.indexOf(deferral), 1);
    const effect: PreviewEffect | null = deferral
      ? { kind: 'deferred', reason: deferral.reason, until: deferral.until }
      : action.kind === 'activity'
        ? await options.activityEffect({ action, balanceBefore: balance, earlier })
        : flowEffect(action);
    if (typeof action.detail['balance'] === 'number') balance = action.detail['balance'];
    if (effect) target.effects.push(effect);
  }
  // Any left (a run that ended while put off) go on their step.
  for (const deferral of deferrals) {
    const target = steps.find((s) => s.stepId === deferral.stepId);
    target?.effects.push({ kind: 'deferred', reason: deferral.reason, until: deferral.until });
  }
  // A step with no action of its own (a split, an exit) happens at once, when the one before ended.
  let clock = options.start;
  for (const step of steps) {
    clock = timeOf.get(step) ?? clock;
    step.at = clock;
  }
  if (tail) tail.at = timeOf.get(tail) ?? clock;

  const end: PreviewEnd =
    result.status === 'waiting'
      ? { kind: 'waiting', at: result.endedAt, stepId: finalStepId }
      : result.status === 'failed'
        ? { kind: 'failed', at: result.endedAt, error: result.error ?? '' }
        : result.exitedBy
          ? { kind: 'exit', at: result.endedAt, reason: result.exitedBy }
          : { kind: 'completed', at: result.endedAt };
  return { steps: tail ? [...steps, tail] : steps, end };
}

function flowEffect(action: SimulatedAction): PreviewEffect | null {
  const d = action.detail;
  switch (action.kind) {
    case 'sleep':
      return { kind: 'sleep', until: String(d['until']) };
    case 'wait':
      return { kind: 'wait', eventName: String(d['eventName']), timeoutAt: String(d['timeoutAt']) };
    case 'event':
      return { kind: 'event', name: String(d['name']) };
    case 'timer':
      return { kind: 'timer' };
    case 'skip':
      return { kind: 'skipped', reason: String(d['reason']) };
    default:
      return null;
  }
}
