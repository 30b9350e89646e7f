import { describe, expect, it } from 'vitest';
import { buildEmailVariables } from './variables';

const base = {
  customer: { email: 'a@example.test', firstName: 'Anna', lastName: 'S', locale: 'de' },
  balance: 120,
  workspace: { name: 'Demo Shop' },
  links: { memberPage: 'https://app/m', unsubscribe: 'https://app/u' },
};

describe('email variables', () => {
  it('offer the latest voucher an earlier step issued, the trigger event and every step result', () => {
    const earlier = {
      award: { status: 'awarded', points: 100 },
      first: { status: 'issued', code: 'AAAA-BBBB', rewardName: 'Tote bag', expiresAt: null },
      none: { status: 'unavailable', reason: 'out_of_stock' },
      second: {
        status: 'issued',
        code: 'CCCC-DDDD',
        rewardName: '5 € off',
        expiresAt: '2027-01-31T00:00:00.000Z',
      },
    };
    const event = { name: 'Order Completed', properties: { total: 59.9 } };
    const variables = buildEmailVariables({ ...base, earlier, event });
    expect(variables.voucher).toEqual({
      code: 'CCCC-DDDD',
      reward_name: '5 € off',
      expires_at: '2027-01-31T00:00:00.000Z',
    });
    expect(variables.event).toEqual(event);
    expect(variables.steps).toBe(earlier);
  });

  it('are null when the run issued no voucher and had no event', () => {
    const variables = buildEmailVariables(base);
    expect(variables.voucher).toBeNull();
    expect(variables.event).toBeNull();
    expect(variables.steps).toEqual({});
  });

  it('carry the loyalty facts, the preference link and the message id, with safe defaults', () => {
    const bare = buildEmailVariables(base);
    expect(bare.loyalty).toEqual({
      balance: 120,
      tier: null,
      next_tier: null,
      points_to_next_tier: null,
      expiring_points: 0,
      expiring_on: null,
    });
    // No preference link given: the unsubscribe link leads to the same choices.
    expect(bare.links.preferences).toBe('https://app/u');
    expect(bare.message).toEqual({ id: '' });

    const full = buildEmailVariables({
      ...base,
      loyalty: {
        tier: 'Silver',
        nextTier: 'Gold',
        pointsToNextTier: 40,
        expiringPoints: 75,
        expiringOn: '2027-03-31',
      },
      links: { ...base.links, preferences: 'https://app/p' },
      messageId: 'mlog_1',
    });
    expect(full.loyalty).toEqual({
      balance: 120,
      tier: 'Silver',
      next_tier: 'Gold',
      points_to_next_tier: 40,
      expiring_points: 75,
      expiring_on: '2027-03-31',
    });
    expect(full.links.preferences).toBe('https://app/p');
    expect(full.message.id).toBe('mlog_1');
  });
});
