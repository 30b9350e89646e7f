import { describe, expect, it } from 'vitest';
import { findNodeType, nodeCatalog } from '.';

function node(type: string) {
  const definition = findNodeType(type);
  if (!definition) throw new Error(`no node type ${type}`);
  return definition;
}

describe('node catalog', () => {
  it('gives every node type a unique type, an English fallback label and a default per field', () => {
    expect(new Set(nodeCatalog.map((n) => n.type)).size).toBe(nodeCatalog.length);
    for (const definition of nodeCatalog) {
      expect(definition.label).toMatch(/\w/);
      for (const field of definition.fields) expect(definition.defaultConfig).toHaveProperty(field.name);
    }
    // Fresh email, reward and deduct steps need a template, a reward or a reason first.
    const validDefaults = nodeCatalog.filter((n) => n.parseConfig(n.defaultConfig).ok).map((n) => n.type);
    expect(validDefaults).toEqual([
      'trigger_birthday',
      'trigger_date_anniversary',
      'trigger_tier_changed',
      'trigger_points_expiring',
      'trigger_manual',
      'delay',
      'condition',
      'random_split',
      'exit',
      'award_points',
      'recalculate_tier',
      'loyalty_condition',
    ]);
  });

  describe('summary values, which the UI formats with nodes.<type>.summary', () => {
    it('award points: the points and either the expiry in months or never', () => {
      const award = node('award_points');
      // A config saved before formulas existed still reads as a fixed award.
      expect(award.summaryValues({ points: 100, expiresInMonths: 12, reason: '' })).toEqual({
        amount: 'fixed',
        points: 100,
        formula: '',
        multiplier: 'none',
        expiry: 'months',
        months: 12,
      });
      expect(
        award.summaryValues({
          amount: 'formula',
          points: 5,
          formula: 'floor(event.total) * 2',
          applyTierMultiplier: true,
          expiresInMonths: null,
        }),
      ).toEqual({
        amount: 'formula',
        points: 0,
        formula: 'floor(event.total) * 2',
        multiplier: 'tier',
        expiry: 'never',
        months: 0,
      });
    });

    it('birthday: the local hour as a number the message pads', () => {
      expect(node('trigger_birthday').summaryValues({ hour: 7 })).toEqual({ hour: 7 });
    });

    it('send email: no values of its own (the canvas adds the template name)', () => {
      expect(node('send_email').summaryValues({ templateId: 'tpl_1' })).toEqual({});
    });

    it('is null for a config that does not validate, so the canvas says "not configured"', () => {
      expect(node('award_points').summaryValues({ points: 0, expiresInMonths: 12 })).toBeNull();
      expect(node('send_email').summaryValues({ templateId: '' })).toBeNull();
      expect(node('trigger_birthday').summaryValues({})).toBeNull();
    });
  });

  describe('config issues carry a kind and limit for the UI, plus the English message', () => {
    it('an empty template choice is "required"', () => {
      expect(node('send_email').parseConfig({ templateId: '' })).toEqual({
        ok: false,
        issues: [{ field: 'templateId', kind: 'required', message: 'choose a template' }],
      });
    });

    it('award points: the broken rule per field', () => {
      expect(node('award_points').parseConfig({ points: 0, expiresInMonths: 0.5, reason: '' })).toEqual({
        ok: false,
        issues: [
          { field: 'points', kind: 'greater_than', limit: 0, message: 'points must be greater than 0' },
          { field: 'expiresInMonths', kind: 'not_whole', message: 'expiry must be whole months' },
        ],
      });
      expect(node('award_points').parseConfig({ points: null, expiresInMonths: 200 })).toEqual({
        ok: false,
        issues: [
          { field: 'points', kind: 'required', message: 'points must be a number' },
          { field: 'expiresInMonths', kind: 'max', limit: 120, message: 'expiry must be at most 120 months' },
        ],
      });
    });

    it('birthday: an hour out of the day names its bound', () => {
      expect(node('trigger_birthday').parseConfig({ hour: -1 })).toEqual({
        ok: false,
        issues: [{ field: 'hour', kind: 'min', limit: 0, message: 'hour must be 0–23' }],
      });
    });
  });
});
