import { describe, expect, it } from 'vitest';
import { findNodeType } from '.';

function node(type: string) {
  const definition = findNodeType(type);
  if (!definition) throw new Error(`no node type ${type}`);
  return definition;
}

describe('award points with a formula', () => {
  const award = node('award_points');
  const base = { amount: 'formula', points: 1, applyTierMultiplier: true, expiresInMonths: 12 };

  it('asks for the formula and the multiplier, not the fixed points', () => {
    expect(award.action!({ ...base, formula: 'floor(event.total) * 2' })).toEqual({
      activity: 'awardPoints',
      args: {
        points: 1,
        formula: 'floor(event.total) * 2',
        applyTierMultiplier: true,
        expiresInMonths: 12,
        reason: 'Journey award',
      },
    });
  });

  it('refuses a missing or broken formula on the formula field, so publishing is blocked', () => {
    const empty = award.parseConfig({ ...base, formula: '' });
    expect(empty.ok).toBe(false);
    expect(!empty.ok && empty.issues.map((i) => [i.field, i.kind])).toEqual([['formula', 'required']]);
    const broken = award.parseConfig({ ...base, formula: 'event.total >= 10' });
    expect(!broken.ok && broken.issues[0]).toMatchObject({
      field: 'formula',
      message: expect.stringMatching(/operator ">="/),
    });
  });

  it('ignores the formula of a fixed award', () => {
    expect(award.parseConfig({ ...base, amount: 'fixed', formula: '' }).ok).toBe(true);
  });
});

describe('deduct points', () => {
  const deduct = node('deduct_points');
  it('branches on whether the balance covered it', () => {
    const config = { points: 50, reason: 'Raffle ticket' };
    expect(deduct.outputs(config)).toEqual(['deducted', 'insufficient']);
    expect(deduct.outputAfter(config, { status: 'deducted', entryId: 'e', points: 50, balance: 10 })).toBe(
      'deducted',
    );
    expect(deduct.outputAfter(config, { status: 'insufficient', balance: 10, points: 50 })).toBe(
      'insufficient',
    );
  });
  it('needs a reason, since members see it in their history', () => {
    const parsed = deduct.parseConfig({ points: 50, reason: ' ' });
    expect(!parsed.ok && parsed.issues[0]?.field).toBe('reason');
  });
});

describe('issue reward', () => {
  const issue = node('issue_reward');
  it('references the reward, so publishing checks that it exists', () => {
    expect(issue.references({ rewardId: 'rwd_1', charge: false })).toEqual([
      { kind: 'reward', id: 'rwd_1', field: 'rewardId' },
    ]);
  });
  it('follows issued or unavailable', () => {
    const config = { rewardId: 'rwd_1', charge: true };
    expect(issue.outputAfter(config, { status: 'issued', code: 'K7QX' })).toBe('issued');
    expect(issue.outputAfter(config, { status: 'unavailable', reason: 'out_of_stock' })).toBe('unavailable');
  });
});

describe('balance or tier condition', () => {
  const condition = node('loyalty_condition');
  const gold = { id: 'tier_gold', name: 'Gold', threshold: 1000 };
  const silver = { id: 'tier_silver', name: 'Silver', threshold: 500 };

  it('compares the balance', () => {
    const config = { subject: 'balance', minBalance: 500 };
    expect(condition.outputAfter(config, { balance: 500, tier: null, requiredTierThreshold: null })).toBe(
      'yes',
    );
    expect(condition.outputAfter(config, { balance: 499, tier: null, requiredTierThreshold: null })).toBe(
      'no',
    );
  });

  it('is yes for the tier asked for and every tier above it', () => {
    const config = { subject: 'tier', minTierId: 'tier_silver' };
    expect(condition.outputAfter(config, { balance: 0, tier: gold, requiredTierThreshold: 500 })).toBe('yes');
    expect(condition.outputAfter(config, { balance: 0, tier: silver, requiredTierThreshold: 500 })).toBe(
      'yes',
    );
    expect(condition.outputAfter(config, { balance: 0, tier: null, requiredTierThreshold: 500 })).toBe('no');
    // The tier was deleted after publishing: nobody reaches it.
    expect(condition.outputAfter(config, { balance: 0, tier: gold, requiredTierThreshold: null })).toBe('no');
  });

  it('checks the field that belongs to the subject and references the tier', () => {
    const noTier = condition.parseConfig({ subject: 'tier', minBalance: null, minTierId: '' });
    expect(!noTier.ok && noTier.issues.map((i) => i.field)).toEqual(['minTierId']);
    const noBalance = condition.parseConfig({ subject: 'balance', minBalance: null });
    expect(!noBalance.ok && noBalance.issues.map((i) => i.field)).toEqual(['minBalance']);
    expect(condition.references({ subject: 'tier', minTierId: 'tier_gold' })).toEqual([
      { kind: 'tier', id: 'tier_gold', field: 'minTierId' },
    ]);
    expect(condition.references({ subject: 'balance', minBalance: 5 })).toEqual([]);
    expect(condition.action!({ subject: 'balance', minBalance: 5 })).toEqual({
      activity: 'readLoyalty',
      args: { minTierId: null },
    });
  });
});
