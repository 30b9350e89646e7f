import type { SegmentRuleSubject } from '../../db/segments/segment-rules';

/**
 * A rule as the builder edits it: the stored shape, with fields possibly empty (null or
 * '') while the marketer types. The server validates it and answers per field.
 */
export type RuleDraft = { subject: SegmentRuleSubject } & Record<string, unknown>;

export interface RulesDraft {
  match: 'all' | 'any';
  rules: RuleDraft[];
}

/** A new rule of a subject, with the defaults a marketer most often wants. */
export function freshRule(subject: SegmentRuleSubject): RuleDraft {
  switch (subject) {
    case 'attribute':
      return { subject, field: 'custom', path: '', operator: 'equals', value: '' };
    case 'event':
      return { subject, eventName: '', filters: [], count: 'at_least', times: 1, withinDays: 30 };
    case 'balance':
      return { subject, operator: 'greater_or_equal', points: 100 };
    case 'tier':
      return { subject, operator: 'at_least', tierId: '' };
    case 'lifetime_spend':
      return { subject, operator: 'greater_or_equal', amount: 10_000, withinDays: null };
    case 'signed_up_within_days':
      return { subject, days: 30 };
  }
}

/** A number input's text as the rule stores it: empty is null (the server says "required"). */
export function numberOrNull(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** Money typed in major units ("12.50") as minor units (1250); null when empty or not a number. */
export function minorUnits(text: string, exponent: number): number | null {
  const value = numberOrNull(text.replace(',', '.'));
  return value === null ? null : Math.round(value * 10 ** exponent);
}
