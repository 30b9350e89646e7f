import { describe, expect, it } from 'vitest';
import { expandPartials, partialNames } from './partials';
import { usesLoyaltyFacts } from './uses-loyalty-facts';

const only = (mjml: string, subject = 'Hi') => usesLoyaltyFacts({ subject, mjml });

describe('usesLoyaltyFacts', () => {
  it('is no for templates that read only the balance, or nothing of loyalty', () => {
    expect(only('<mj-text>{{ loyalty.balance }} points</mj-text>')).toBe(false);
    expect(only('<mj-text>Hello {{ customer.first_name }}</mj-text>')).toBe(false);
  });

  it('is yes for any other use, in body, subject or preheader', () => {
    expect(only('{{ loyalty.tier }}')).toBe(true);
    expect(only('{% if loyalty.points_to_next_tier > 0 %}x{% endif %}')).toBe(true);
    expect(only('{{ loyalty | json }}')).toBe(true);
    expect(only('{{ loyalty["expiring_on"] }}')).toBe(true);
    expect(only('', '{{ loyalty.expiring_points }} points expire')).toBe(true);
    expect(usesLoyaltyFacts({ subject: '', preheader: 'Now {{ loyalty.tier }}', mjml: '' })).toBe(true);
  });
});

describe('the shared partials', () => {
  // The send activity asks `usesLoyaltyFacts` of the template as written, before partials
  // are expanded: a partial that read tier or expiry facts would print blanks.
  it('read no loyalty facts beyond the balance', () => {
    const includes = partialNames.map((name) => `<mj-include path="${name}" />`).join('\n');
    expect(usesLoyaltyFacts({ subject: '', mjml: expandPartials(includes).mjml })).toBe(false);
  });
});
