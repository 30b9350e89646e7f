import { describe, expect, it } from 'vitest';
import { compileJourney } from './compiler';
import { initialRunState, step, type RunState } from './interpreter';
import type { JourneyProgram } from './program';
import { birthdayGraph } from './testing/birthday-graph';

function program(): JourneyProgram {
  const result = compileJourney(birthdayGraph('tpl_1'), {
    journeyId: 'jrn_1',
    workspaceId: 'ws_1',
    version: 1,
    templateIds: new Set(['tpl_1']),
    rewardIds: new Set<string>(),
    tierIds: new Set<string>(),
  });
  if (!result.ok) throw new Error('fixture must compile');
  return result.program;
}

describe('interpreter step', () => {
  it('walks award → email → complete, asking for each side effect as data', () => {
    const p = program();
    const started = step(p, initialRunState, { kind: 'start' });
    expect(started.effects).toEqual([
      {
        kind: 'activity',
        stepId: 'award',
        activity: 'awardPoints',
        args: {
          points: 100,
          formula: null,
          applyTierMultiplier: false,
          expiresInMonths: 12,
          reason: 'Birthday bonus',
        },
      },
    ]);
    expect(started.state.currentStepId).toBe('award');

    const awarded = step(p, started.state, {
      kind: 'activity_result',
      stepId: 'award',
      result: { entryId: 'led_1', points: 100, balance: 100, expiresAt: null },
    });
    expect(awarded.effects).toEqual([
      { kind: 'activity', stepId: 'email', activity: 'sendEmail', args: { templateId: 'tpl_1' } },
    ]);

    const sent = step(p, awarded.state, {
      kind: 'activity_result',
      stepId: 'email',
      result: { status: 'sent', messageLogId: 'm', messageId: '<m>' },
    });
    expect(sent.effects).toEqual([{ kind: 'complete' }]);
    expect(sent.state).toMatchObject({
      status: 'completed',
      currentStepId: null,
      path: [
        { stepId: 'award', output: 'next' },
        { stepId: 'email', output: 'next' },
      ],
    });
    expect(sent.state.results.award).toMatchObject({ balance: 100 });
  });

  it('ignores a duplicated result and a second start', () => {
    const p = program();
    const started = step(p, initialRunState, { kind: 'start' });
    const awarded = step(p, started.state, { kind: 'activity_result', stepId: 'award', result: {} });
    expect(step(p, awarded.state, { kind: 'activity_result', stepId: 'award', result: {} }).effects).toEqual(
      [],
    );
    expect(step(p, awarded.state, { kind: 'start' }).effects).toEqual([]);
  });

  it('fails the run, with a reason, on a program that points at a missing step', () => {
    const p = program();
    const broken: JourneyProgram = { ...p, entry: 'ghost' };
    const outcome = step(broken, initialRunState, { kind: 'start' });
    expect(outcome.effects).toEqual([{ kind: 'fail', reason: 'Step "ghost" is not in the program.' }]);
    expect((outcome.state as RunState).status).toBe('failed');
  });

  it('completes at once when the trigger leads to no step', () => {
    const outcome = step({ ...program(), entry: null }, initialRunState, { kind: 'start' });
    expect(outcome).toMatchObject({ state: { status: 'completed' }, effects: [{ kind: 'complete' }] });
  });
});
