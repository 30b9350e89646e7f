import { describe, expect, it } from 'vitest';
import { checkTemplateContent } from '../db/templates/validate-template';
import { createEmailRenderer } from './render';
import { starterTemplates } from './starter-templates';
import { buildEmailVariables } from './variables';

const variables = (locale: string) =>
  buildEmailVariables({
    customer: { email: 'ada@example.test', firstName: 'Ada', lastName: 'L', locale },
    balance: 1234,
    loyalty: {
      tier: 'Silver',
      nextTier: 'Gold',
      pointsToNextTier: 266,
      expiringPoints: 120,
      expiringOn: '2026-12-31',
    },
    workspace: { name: 'Demo Shop', postalAddress: 'Hauptstraße 5 · 10115 Berlin' },
    links: {
      memberPage: 'https://app.test/m/t',
      unsubscribe: 'https://app.test/u/t',
      preferences: 'https://app.test/p/t',
    },
    earlier: {
      reward: {
        status: 'issued',
        code: 'ABCD-EFGH-JKLM-NPQR',
        rewardName: '5 € off',
        expiresAt: '2027-01-31',
      },
    },
  });

describe('starter templates', () => {
  it('have unique keys and names, a topic, and a German variant', () => {
    expect(new Set(starterTemplates.map((s) => s.key)).size).toBe(starterTemplates.length);
    expect(new Set(starterTemplates.map((s) => s.name)).size).toBe(starterTemplates.length);
    expect(starterTemplates.map((s) => s.key)).toEqual([
      'birthday',
      'welcome',
      'points-earned',
      'points-expiring',
      'tier-upgrade',
      'reward-voucher',
      'review-request',
      'win-back',
    ]);
    for (const starter of starterTemplates) {
      expect(starter.topic, starter.key).toMatch(/^[a-z][a-z0-9_-]{0,39}$/);
      expect(Object.keys(starter.variants), starter.key).toEqual(['de']);
    }
  });

  it('pass the save checks in every language (MJML, Liquid, unsubscribe link)', async () => {
    for (const starter of starterTemplates) {
      const issues = await checkTemplateContent(starter.category, [
        { fieldPrefix: '', ...starter },
        ...Object.entries(starter.variants).map(([locale, v]) => ({
          fieldPrefix: `variants.${locale}.`,
          ...v,
        })),
      ]);
      expect(issues, starter.key).toEqual([]);
    }
  });

  it('render with the shared footer, the preheader and no Liquid left over', async () => {
    const renderer = createEmailRenderer();
    for (const starter of starterTemplates) {
      for (const [locale, content] of [['en', starter] as const, ['de', starter.variants['de']!] as const]) {
        const email = await renderer.render(
          { id: `${starter.key}:${locale}`, ...content },
          variables(locale),
        );
        const where = `${starter.key} (${locale})`;
        expect(email.html, where).toContain('https://app.test/u/t');
        expect(email.html, where).toContain('https://app.test/p/t');
        expect(email.html, where).toContain('Hauptstraße 5');
        expect(email.html, where).toContain('DEMO SHOP');
        expect(email.html, where).not.toMatch(/\{\{|\{%|mj-include/);
        expect(email.text, where).toContain('https://app.test/u/t');
        expect(email.subject.length, where).toBeGreaterThan(5);
        expect(email.preheader.length, where).toBeGreaterThan(10);
        expect(email.html, where).toContain(email.preheader.slice(0, 20).replace(/&/g, '&amp;'));
        expect(email.text, where).not.toContain(email.preheader);
        if (locale === 'de') expect(email.html, where).toContain('Abmelden');
      }
    }
  });

  it('quote the tier, expiry and voucher facts', async () => {
    const renderer = createEmailRenderer();
    const byKey = (key: string) => starterTemplates.find((s) => s.key === key)!;
    const expiring = await renderer.render({ id: 'x', ...byKey('points-expiring') }, variables('en'));
    expect(expiring.subject).toBe('Don’t lose your 120 points ⏳');
    expect(expiring.preheader).toContain('December 31, 2026');
    const expiringDe = await renderer.render(
      { id: 'y', ...byKey('points-expiring').variants['de']! },
      variables('de'),
    );
    expect(expiringDe.html).toContain('31.12.2026');
    const earned = await renderer.render({ id: 'z', ...byKey('points-earned') }, variables('en'));
    expect(earned.text).toContain('Only 266 points to go until Gold.');
    const voucher = await renderer.render({ id: 'v', ...byKey('reward-voucher') }, variables('en'));
    expect(voucher.html).toContain('ABCD-EFGH-JKLM-NPQR');
    expect(voucher.subject).toBe('Your 5 € off is ready 🎁');
  });
});
