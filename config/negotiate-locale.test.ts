import { describe, expect, it } from 'vitest';
import { matchAcceptLanguage, negotiateLocale } from './negotiate-locale';

describe('negotiateLocale', () => {
  it('takes the chosen language when we ship it', () => {
    expect(negotiateLocale({ chosen: 'de', acceptLanguage: 'en-US,en;q=0.9' })).toBe('de');
    expect(negotiateLocale({ chosen: 'en', acceptLanguage: 'de-DE' })).toBe('en');
  });

  it('ignores a chosen language we do not ship, falling back to the browser’s', () => {
    expect(negotiateLocale({ chosen: 'fr', acceptLanguage: 'de-DE,de;q=0.9' })).toBe('de');
  });

  it('is English when nothing matches', () => {
    expect(negotiateLocale({ chosen: undefined, acceptLanguage: null })).toBe('en');
    expect(negotiateLocale({ chosen: undefined, acceptLanguage: 'fr-FR,fr;q=0.9,es;q=0.5' })).toBe('en');
  });
});

describe('matchAcceptLanguage', () => {
  it('matches a regional tag by its language', () => {
    expect(matchAcceptLanguage('de-AT')).toBe('de');
    expect(matchAcceptLanguage('EN-gb')).toBe('en');
  });

  it('prefers the highest weight, then the browser’s order', () => {
    expect(matchAcceptLanguage('fr;q=0.9, en;q=0.5, de;q=0.8')).toBe('de');
    expect(matchAcceptLanguage('de, en')).toBe('de');
    expect(matchAcceptLanguage('en;q=0.7, de;q=0.7')).toBe('en');
  });

  it('skips languages the browser refuses (q=0), wildcards and garbage', () => {
    expect(matchAcceptLanguage('de;q=0, en;q=0.1')).toBe('en');
    expect(matchAcceptLanguage('*, de;q=0.2')).toBe('de');
    expect(matchAcceptLanguage(',;q=,de;q=abc')).toBeUndefined();
  });
});
