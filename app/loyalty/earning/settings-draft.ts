import { earnActions, type CapPeriod, type EarnAction, type EarnRules } from '../../../db/program/earn-rules';
import type { ProgramSettingsPatch } from '../../../db/program/settings';
import type { TierSettings } from '../../../db/program/tier-settings';
import type { ExpiryRule } from '../../../db/ledger/expiry-rule';

/** What the settings page shows: the program as the read answers it. */
export interface ProgramSettingsView {
  pointsExpiry: ExpiryRule;
  earnRules: EarnRules;
  tierSettings: TierSettings;
  expiringNoticeDays: number | null;
  currency: string;
}

export interface BonusDraft {
  /** Identifies the row while editing (React key); never sent. */
  key: string;
  /** In major units as typed ("50" or "49.90"), converted to minor units on save. */
  minOrderAmount: string;
  points: string;
}

export interface ActionDraft {
  enabled: boolean;
  points: string;
  /** '' = no cap. */
  capPeriod: CapPeriod | '';
  capCount: string;
}

/**
 * The form's state: numbers stay the text the marketer typed until they save, so a
 * half-typed "0." is not corrected under their fingers, and the server judges the values.
 */
export interface SettingsDraft {
  purchase: {
    enabled: boolean;
    pointsPerUnit: string;
    rounding: EarnRules['purchase']['rounding'];
    excludedCategories: string[];
    excludedSkus: string[];
    bonuses: BonusDraft[];
  };
  actions: Record<EarnAction, ActionDraft>;
  birthdayBonus: string;
  expiry: {
    kind: ExpiryRule['kind'];
    months: string;
    period: 'month' | 'quarter' | 'year';
  };
  notice: { enabled: boolean; days: string };
  tiers: { basis: TierSettings['basis']; windowMonths: string; reviewPeriod: TierSettings['reviewPeriod'] };
}

let bonusKeys = 0;
export const newBonusKey = () => `bonus-${++bonusKeys}`;

export function toDraft(settings: ProgramSettingsView, exponent: number): SettingsDraft {
  const { purchase } = settings.earnRules;
  const actions = Object.fromEntries(
    earnActions.map((action) => {
      const rule = settings.earnRules.actions.find((candidate) => candidate.action === action);
      const draft: ActionDraft = rule
        ? {
            enabled: true,
            points: String(rule.points),
            capPeriod: rule.cap?.period ?? '',
            capCount: rule.cap ? String(rule.cap.count) : '1',
          }
        : { enabled: false, points: '10', capPeriod: '', capCount: '1' };
      return [action, draft];
    }),
  ) as Record<EarnAction, ActionDraft>;
  const expiry = settings.pointsExpiry;
  return {
    purchase: {
      enabled: purchase.enabled,
      pointsPerUnit: String(purchase.pointsPerUnit),
      rounding: purchase.rounding,
      excludedCategories: [...purchase.excludedCategories],
      excludedSkus: [...purchase.excludedSkus],
      bonuses: purchase.bonuses.map((bonus) => ({
        key: newBonusKey(),
        minOrderAmount: majorUnits(bonus.minOrderAmount, exponent),
        points: String(bonus.points),
      })),
    },
    actions,
    birthdayBonus: String(settings.earnRules.birthdayBonus),
    expiry: {
      kind: expiry.kind,
      months: expiry.kind === 'months' ? String(expiry.months) : '12',
      period: expiry.kind === 'end_of_period' ? expiry.period : 'year',
    },
    notice: {
      enabled: settings.expiringNoticeDays !== null,
      days: String(settings.expiringNoticeDays ?? 14),
    },
    tiers: {
      basis: settings.tierSettings.basis,
      windowMonths: String(settings.tierSettings.windowMonths),
      reviewPeriod: settings.tierSettings.reviewPeriod,
    },
  };
}

/**
 * The whole program as a patch, plus which action each row of `earnRules.actions` is:
 * the server names a problem by its index in what was sent (`earnRules.actions.1.points`).
 */
export function toPatch(
  draft: SettingsDraft,
  exponent: number,
): { patch: ProgramSettingsPatch; actionOrder: EarnAction[] } {
  const actionOrder = earnActions.filter((action) => draft.actions[action].enabled);
  const patch = {
    earnRules: {
      purchase: {
        enabled: draft.purchase.enabled,
        pointsPerUnit: numberOf(draft.purchase.pointsPerUnit),
        rounding: draft.purchase.rounding,
        excludedCategories: draft.purchase.excludedCategories,
        excludedSkus: draft.purchase.excludedSkus,
        bonuses: draft.purchase.bonuses.map((bonus) => ({
          minOrderAmount: minorUnitsOf(bonus.minOrderAmount, exponent),
          points: numberOf(bonus.points),
        })),
      },
      actions: actionOrder.map((action) => {
        const row = draft.actions[action];
        return {
          action,
          points: numberOf(row.points),
          cap: row.capPeriod === '' ? null : { count: numberOf(row.capCount), period: row.capPeriod },
        };
      }),
      birthdayBonus: numberOf(draft.birthdayBonus),
    },
    pointsExpiry:
      draft.expiry.kind === 'months'
        ? { kind: 'months', months: numberOf(draft.expiry.months) }
        : draft.expiry.kind === 'end_of_period'
          ? { kind: 'end_of_period', period: draft.expiry.period }
          : { kind: 'never' },
    expiringNoticeDays: draft.notice.enabled ? numberOf(draft.notice.days) : null,
    tierSettings: {
      basis: draft.tiers.basis,
      windowMonths: numberOf(draft.tiers.windowMonths),
      reviewPeriod: draft.tiers.reviewPeriod,
    },
    // Blank fields go as undefined: required ones come back as "enter a value", the others take their default.
  } as ProgramSettingsPatch;
  return { patch, actionOrder };
}

/** Typed text as a number: blank is undefined ("required"), anything else its value (NaN: "not a number"). */
export function numberOf(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? undefined : Number(trimmed);
}

/** "49.90" (major units) as 4990 minor units; blank undefined, not a number NaN. */
export function minorUnitsOf(text: string, exponent: number): number | undefined {
  const value = numberOf(text);
  if (value === undefined || Number.isNaN(value)) return value;
  return Math.round(value * 10 ** exponent);
}

/** 4990 minor units as "49.90" in major units, the way a number input takes it. */
export function majorUnits(minor: number, exponent: number): string {
  return (minor / 10 ** exponent).toFixed(exponent);
}
