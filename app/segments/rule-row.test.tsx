import { NextIntlClientProvider } from 'next-intl';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import de from '../../messages/de.json';
import en from '../../messages/en.json';
import { segmentRuleSubjects } from '../../db/segments/segment-rules';
import { freshRule, type RuleDraft } from './rule-draft';
import { RuleRow } from './rule-row';

// Every subject's row renders in both languages with the inputs it needs.
function render(locale: 'en' | 'de', rule: RuleDraft, error?: string): string {
  return renderToString(
    <NextIntlClientProvider locale={locale} messages={locale === 'en' ? en : de} timeZone="Europe/Berlin">
      <RuleRow
        index={0}
        rule={rule}
        tiers={[{ id: 'tier_gold', name: 'Gold' }]}
        eventNames={['order_placed']}
        currency="EUR"
        currencyExponent={2}
        error={(field) => (field === 'days' ? error : undefined)}
        nestedErrors={new Map()}
        onChange={() => {}}
        onRemove={() => {}}
      />
    </NextIntlClientProvider>,
  );
}

describe('RuleRow', () => {
  it('renders every subject in English and German', () => {
    for (const subject of segmentRuleSubjects)
      for (const locale of ['en', 'de'] as const) {
        const html = render(locale, freshRule(subject));
        expect(html, `${subject} ${locale}`).toContain('data-testid="segment-rule-0-subject"');
      }
  });

  it('shows the inputs of a subject and money in major units', () => {
    expect(render('en', freshRule('event'))).toContain('data-testid="segment-rule-0-eventName"');
    expect(render('en', freshRule('event'))).toContain('data-testid="segment-rule-0-withinDays"');
    expect(render('en', freshRule('lifetime_spend'))).toContain('value="100"');
    expect(render('en', freshRule('tier'))).toContain('Gold');
    expect(render('de', freshRule('signed_up_within_days'))).toContain('Tagen');
  });

  it('shows a server error under the row', () => {
    expect(render('en', freshRule('signed_up_within_days'), 'Must be at least 1')).toContain(
      'data-testid="segment-rule-0-error"',
    );
  });
});
