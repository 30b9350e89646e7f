import { describe, expect, it } from 'vitest';
import { defaultEarnRules } from '../../../db/program/earn-rules';
import { programSettingsPatchSchema } from '../../../db/program/settings';
import { defaultTierSettings } from '../../../db/program/tier-settings';
import {
  majorUnits,
  minorUnitsOf,
  numberOf,
  toDraft,
  toPatch,
  type ProgramSettingsView,
} from './settings-draft';

const settings: ProgramSettingsView = {
  pointsExpiry: { kind: 'end_of_period', period: 'quarter' },
  earnRules: {
    purchase: {
      enabled: true,
      pointsPerUnit: 1.5,
      rounding: 'round',
      excludedCategories: ['tobacco'],
      excludedSkus: ['GIFT'],
      bonuses: [
        { minOrderAmount: 4990, points: 10 },
        { minOrderAmount: 10000, points: 30 },
      ],
    },
    actions: [
      { action: 'signup', points: 100, cap: { count: 1, period: 'lifetime' } },
      { action: 'review', points: 20, cap: null },
    ],
    birthdayBonus: 50,
  },
  tierSettings: { basis: 'spend', windowMonths: 6, reviewPeriod: 'month' },
  expiringNoticeDays: null,
  currency: 'EUR',
};

describe('the settings form draft', () => {
  it('turns the saved program into a draft and back without changing a value', () => {
    const { currency: _currency, ...program } = settings;
    const { patch } = toPatch(toDraft(settings, 2), 2);
    expect(programSettingsPatchSchema.parse(patch)).toEqual(program);
  });

  it('shows money in major units and saves it in minor units', () => {
    const draft = toDraft(settings, 2);
    expect(draft.purchase.bonuses.map((bonus) => bonus.minOrderAmount)).toEqual(['49.90', '100.00']);
    expect(toDraft(settings, 0).purchase.bonuses[0]!.minOrderAmount).toBe('4990');
    expect(minorUnitsOf('59.9', 2)).toBe(5990);
    expect(minorUnitsOf('0.29', 2)).toBe(29);
    expect(minorUnitsOf('1,5', 2)).toBe(150);
    expect(minorUnitsOf(' ', 2)).toBeUndefined();
    expect(minorUnitsOf('abc', 2)).toBeNaN();
    expect(majorUnits(5, 3)).toBe('0.005');
  });

  it('sends the enabled actions in catalog order and says which index is which', () => {
    const draft = toDraft(settings, 2);
    draft.actions.referral = { enabled: true, points: '', capPeriod: 'month', capCount: '3' };
    const { patch, actionOrder } = toPatch(draft, 2);
    expect(actionOrder).toEqual(['signup', 'review', 'referral']);
    const parsed = programSettingsPatchSchema.safeParse(patch);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.path.join('.'))).toEqual(['earnRules.actions.2.points']);
  });

  it('starts from the defaults when nothing was saved', () => {
    const draft = toDraft(
      {
        pointsExpiry: { kind: 'never' },
        earnRules: defaultEarnRules,
        tierSettings: defaultTierSettings,
        expiringNoticeDays: 14,
        currency: 'EUR',
      },
      2,
    );
    expect(draft.purchase).toMatchObject({ enabled: true, pointsPerUnit: '1', bonuses: [] });
    expect(Object.values(draft.actions).every((action) => !action.enabled)).toBe(true);
    expect(draft.notice).toEqual({ enabled: true, days: '14' });
  });

  it('reads blank as missing and anything else as a number', () => {
    expect(numberOf('')).toBeUndefined();
    expect(numberOf(' 12 ')).toBe(12);
    expect(numberOf('0,5')).toBe(0.5);
    expect(numberOf('x')).toBeNaN();
  });
});
