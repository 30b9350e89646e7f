import { describe, expect, it } from 'vitest';
import { segmentRuleSchema, segmentRuleSubjects } from '../../db/segments/segment-rules';
import { freshRule, minorUnits, numberOrNull } from './rule-draft';

describe('rule drafts', () => {
  it('starts every subject with a rule the server accepts once its blanks are filled', () => {
    for (const subject of segmentRuleSubjects) {
      const draft = freshRule(subject);
      const filled = {
        ...draft,
        ...(subject === 'attribute' ? { path: 'plan', value: 'gold' } : {}),
        ...(subject === 'event' ? { eventName: 'order_placed' } : {}),
        ...(subject === 'tier' ? { tierId: 'tier_x' } : {}),
      };
      expect(segmentRuleSchema.safeParse(filled).success, subject).toBe(true);
    }
  });

  it('reads typed numbers and money', () => {
    expect(numberOrNull('')).toBeNull();
    expect(numberOrNull('12')).toBe(12);
    expect(numberOrNull('x')).toBeNull();
    expect(minorUnits('12,50', 2)).toBe(1250);
    expect(minorUnits('0.1', 2)).toBe(10);
    expect(minorUnits('500', 0)).toBe(500);
    expect(minorUnits(' ', 2)).toBeNull();
  });
});
