import { describe, expect, it } from 'vitest';
import { chooseSplit } from './nodes/random-split';
import { decideSendWindow } from '../../emails/send-window';
import { simulateJourney } from './simulate';
import { flowProgram } from './testing/flow-program';

const start = '2026-11-27T09:30:00.000Z';
const profile = { timeZone: 'Europe/Berlin', attributes: { plan: 'gold' }, balance: 40 };

describe('simulateJourney', () => {
  const winBack = flowProgram(
    {
      bonus: {
        type: 'award_points',
        config: { points: 100, expiresInMonths: 12, reason: 'Welcome' },
        next: { next: 'mail' },
      },
      mail: { type: 'send_email', config: { templateId: 'tpl_welcome' }, next: { next: 'wait' } },
      wait: {
        type: 'wait_for_event',
        config: { eventName: 'Order Completed', filters: [], timeout: { amount: 3, unit: 'days' } },
        next: { received: 'thanks', timeout: 'nudge' },
      },
      thanks: { type: 'deduct_points', config: { points: 50, reason: 'Used' } },
      nudge: {
        type: 'delay',
        config: { mode: 'until_time', time: '09:00', weekdays: [1] },
        next: { next: 'reminder' },
      },
      reminder: { type: 'send_email', config: { templateId: 'tpl_reminder' } },
    },
    { goal: { eventName: 'Unsubscribed', filters: [] } },
  );

  it('walks the path on a virtual clock with the actions it would perform, writing nothing', () => {
    const result = simulateJourney({ program: winBack, profile, start });
    expect(result.status).toBe('completed');
    expect(result.path.map((p) => `${p.stepId}:${p.output}`)).toEqual([
      'bonus:next',
      'mail:next',
      'wait:timeout',
      'nudge:next',
      'reminder:next',
    ]);
    const performed = result.actions.filter((a) => a.kind === 'activity');
    expect(performed.map((a) => [a.at, a.stepId, a.detail])).toEqual([
      [start, 'bonus', expect.objectContaining({ activity: 'awardPoints', balance: 140 })],
      [start, 'mail', { activity: 'sendEmail', status: 'would_send', templateId: 'tpl_welcome' }],
      // Timeout Monday 30 Nov 10:30 Berlin; then the next Monday 09:00 Berlin is 7 Dec, 08:00 UTC.
      [
        '2026-12-07T08:00:00.000Z',
        'reminder',
        { activity: 'sendEmail', status: 'would_send', templateId: 'tpl_reminder' },
      ],
    ]);
    expect(result.actions.find((a) => a.kind === 'wait')).toMatchObject({
      at: start,
      detail: { timeoutAt: '2026-11-30T09:30:00.000Z' },
    });
    expect(profile.balance).toBe(40);
  });

  it('delivers events at their time: a matching one satisfies the wait, a duplicate id is ignored', () => {
    const result = simulateJourney({
      program: winBack,
      profile,
      start,
      events: [
        { at: '2026-11-28T12:00:00.000Z', name: 'Page Viewed', id: 'a' },
        { at: '2026-11-28T13:00:00.000Z', name: 'Order Completed', properties: { total: 20 }, id: 'b' },
        { at: '2026-11-28T14:00:00.000Z', name: 'Order Completed', id: 'b' },
      ],
    });
    expect(result.path.map((p) => `${p.stepId}:${p.output}`)).toEqual([
      'bonus:next',
      'mail:next',
      'wait:received',
      'thanks:deducted',
    ]);
    expect(result.actions.at(-1)).toMatchObject({
      at: '2026-11-28T13:00:00.000Z',
      stepId: 'thanks',
      detail: { balance: 90 },
    });
    expect(result.state.results['wait']).toMatchObject({ id: 'b', properties: { total: 20 } });
  });

  it('ends at the goal event wherever the run is', () => {
    const result = simulateJourney({
      program: winBack,
      profile,
      start,
      events: [{ at: '2026-12-01T10:00:00.000Z', name: 'Unsubscribed' }],
    });
    expect(result).toMatchObject({
      status: 'completed',
      exitedBy: 'goal',
      endedAt: '2026-12-01T10:00:00.000Z',
    });
    expect(result.path.map((p) => p.stepId)).toEqual(['bonus', 'mail', 'wait']);
    expect(result.actions.some((a) => a.stepId === 'reminder')).toBe(false);
  });

  it('records skipped actions: no consent, a formula without its value', () => {
    const p = flowProgram({
      award: {
        type: 'award_points',
        config: { amount: 'formula', points: 1, formula: 'event.total * 2', expiresInMonths: null },
        next: { next: 'mail' },
      },
      mail: { type: 'send_email', config: { templateId: 'tpl' } },
    });
    const result = simulateJourney({
      program: p,
      profile: { ...profile, marketingConsent: false },
      start,
      triggerEvent: { name: 'x', properties: {} },
    });
    expect(result.skips.map((s) => s.stepId)).toEqual(['award', 'mail']);
    expect(result.skips[1]).toEqual({ stepId: 'mail', reason: 'no_consent' });
    expect(result.actions.filter((a) => a.kind === 'skip')).toHaveLength(2);
  });

  it('takes the same split branch as the workflow for the same run key, and reports a run still waiting', () => {
    const p = flowProgram({
      split: {
        type: 'random_split',
        config: { shares: [50, 50], holdout: 0 },
        next: { branch_1: 'wait', branch_2: 'wait' },
      },
      wait: { type: 'delay', config: { mode: 'duration', duration: { amount: 30, unit: 'days' } } },
    });
    const runKey = 'journey:ws:jrn:cus_1:run';
    const result = simulateJourney({ program: p, profile, start, runKey, until: '2026-12-01T00:00:00.000Z' });
    expect(result.path[0]).toEqual({
      stepId: 'split',
      output: chooseSplit({ shares: [50, 50], holdout: 0 }, runKey, 'split'),
    });
    expect(result).toMatchObject({ status: 'waiting', endedAt: '2026-12-01T00:00:00.000Z' });
  });

  it('answers a condition from the made-up profile', () => {
    const p = flowProgram({
      check: {
        type: 'condition',
        config: {
          branches: [
            {
              rules: [
                { subject: 'attribute', property: 'plan', operator: 'equals', value: 'gold' },
                { subject: 'balance', operator: 'greater_or_equal', value: 40 },
              ],
            },
          ],
        },
        next: { branch_1: 'out' },
      },
      out: { type: 'exit' },
    });
    expect(simulateJourney({ program: p, profile, start }).path).toEqual([
      { stepId: 'check', output: 'branch_1' },
      { stepId: 'out', output: 'exit' },
    ]);
    expect(simulateJourney({ program: p, profile: { ...profile, balance: 10 }, start }).path).toEqual([
      { stepId: 'check', output: 'otherwise' },
    ]);
  });

  describe('quiet hours and the email cap, as the send decides them', () => {
    const mails = (settings: Record<string, unknown>) =>
      flowProgram(
        {
          first: { type: 'send_email', config: { templateId: 'tpl_a' }, next: { next: 'second' } },
          second: { type: 'send_email', config: { templateId: 'tpl_b' } },
        },
        settings,
      );
    const mailActions = (result: ReturnType<typeof simulateJourney>) =>
      result.actions
        .filter((a) => a.stepId === 'first' || a.stepId === 'second')
        .map((a) => [a.at, a.stepId, a.kind, a.detail['status'] ?? a.detail['until'] ?? null]);

    it('puts a mail off past quiet hours in the customer zone, then sends it', () => {
      // 23:30 in Berlin; quiet from 22:00 to 07:00 local, which is 06:00 UTC in November.
      const result = simulateJourney({
        program: mails({ quietHours: { startHour: 22, endHour: 7 } }),
        profile,
        start: '2026-11-27T22:30:00.000Z',
        sendWindow: decideSendWindow,
      });
      expect(result.status).toBe('completed');
      expect(mailActions(result)).toEqual([
        ['2026-11-27T22:30:00.000Z', 'first', 'activity', 'deferred'],
        ['2026-11-27T22:30:00.000Z', 'first', 'sleep', '2026-11-28T06:00:00.000Z'],
        ['2026-11-28T06:00:00.000Z', 'first', 'timer', null],
        ['2026-11-28T06:00:00.000Z', 'first', 'activity', 'would_send'],
        ['2026-11-28T06:00:00.000Z', 'second', 'activity', 'would_send'],
      ]);
      expect(result.state.deferrals).toEqual([
        {
          stepId: 'first',
          reason: 'quiet_hours',
          until: '2026-11-28T06:00:00.000Z',
          at: '2026-11-27T22:30:00.000Z',
        },
      ]);
    });

    it("counts the run's own mails for the cap and sends the next one when the first leaves the period", () => {
      const result = simulateJourney({
        program: mails({ emailCap: { count: 1, periodHours: 24 } }),
        profile,
        start,
        sendWindow: decideSendWindow,
      });
      expect(result.status).toBe('completed');
      expect(result.state.deferrals?.map((d) => [d.stepId, d.reason])).toEqual([['second', 'email_cap']]);
      const sent = result.actions.filter((a) => a.detail['status'] === 'would_send').map((a) => a.at);
      expect(sent[0]).toBe(start);
      expect(Date.parse(sent[1]!) - Date.parse(start)).toBeGreaterThanOrEqual(24 * 3_600_000);
    });

    it("counts the customer's mails from before the start for the cap", () => {
      const result = simulateJourney({
        program: mails({ emailCap: { count: 2, periodHours: 24 } }),
        profile: { ...profile, earlierEmailsAt: [new Date(Date.parse(start) - 3_600_000).toISOString()] },
        start,
        sendWindow: decideSendWindow,
      });
      // One mail of another journey an hour ago: the first goes, the second waits for it to age out.
      expect(result.state.deferrals?.map((d) => [d.stepId, d.reason])).toEqual([['second', 'email_cap']]);
      const sent = result.actions.filter((a) => a.detail['status'] === 'would_send').map((a) => a.at);
      expect(sent[0]).toBe(start);
      expect(Date.parse(sent[1]!) - Date.parse(start)).toBeGreaterThanOrEqual(23 * 3_600_000);
    });

    it('puts nothing off for a customer the mail would not go to, nor without the rule', () => {
      const quiet = mails({ quietHours: { startHour: 22, endHour: 7 } });
      const night = '2026-11-27T22:30:00.000Z';
      const noConsent = simulateJourney({
        program: quiet,
        profile: { ...profile, marketingConsent: false },
        start: night,
        sendWindow: decideSendWindow,
      });
      expect(noConsent.state.deferrals ?? []).toEqual([]);
      expect(simulateJourney({ program: quiet, profile, start: night }).state.deferrals ?? []).toEqual([]);
    });
  });

  describe('who may receive a mail', () => {
    const consentFlow = flowProgram({
      receipt: { type: 'send_email', config: { templateId: 'tpl_receipt' }, next: { next: 'news' } },
      news: { type: 'send_email', config: { templateId: 'tpl_news' }, next: { next: 'opt_in' } },
      opt_in: {
        type: 'update_profile',
        config: { action: 'set_consent', consent: 'granted' },
        next: { next: 'news_again' },
      },
      news_again: { type: 'send_email', config: { templateId: 'tpl_news' } },
    });
    const asked: Array<[string, boolean]> = [];
    // As db/compliance/decide-send.ts decides for a transactional receipt and a marketing newsletter.
    const sendDecision = ({
      templateId,
      marketingConsent,
    }: {
      templateId: string;
      marketingConsent: boolean;
    }) => {
      asked.push([templateId, marketingConsent]);
      if (templateId === 'tpl_receipt' || marketingConsent) return { allowed: true } as const;
      return { allowed: false, reason: 'no_marketing_consent' } as const;
    };

    it('asks the send decision with the consent of the moment, so a transactional mail goes without it', () => {
      asked.length = 0;
      const result = simulateJourney({
        program: consentFlow,
        profile: { ...profile, marketingConsent: false },
        start,
        sendDecision,
      });
      expect(result.status).toBe('completed');
      expect(asked).toEqual([
        ['tpl_receipt', false],
        ['tpl_news', false],
        ['tpl_news', true],
      ]);
      expect(result.skips).toEqual([{ stepId: 'news', reason: 'no_marketing_consent' }]);
      const sent = result.actions.filter((a) => a.detail['status'] === 'would_send').map((a) => a.stepId);
      expect(sent).toEqual(['receipt', 'news_again']);
    });

    it('skips with the reason the decision gives, and asks nothing of a customer without an address', () => {
      const bounced = simulateJourney({
        program: consentFlow,
        profile,
        start,
        sendDecision: () => ({ allowed: false, reason: 'suppressed_bounced' }),
      });
      expect(bounced.skips.map((s) => s.reason)).toEqual([
        'suppressed_bounced',
        'suppressed_bounced',
        'suppressed_bounced',
      ]);
      asked.length = 0;
      const noAddress = simulateJourney({
        program: consentFlow,
        profile: { ...profile, hasEmail: false },
        start,
        sendDecision,
      });
      expect(asked).toEqual([]);
      expect(noAddress.skips.map((s) => s.reason)).toEqual([
        'no_email_address',
        'no_email_address',
        'no_email_address',
      ]);
    });
  });
});
