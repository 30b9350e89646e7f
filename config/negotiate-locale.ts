import { defaultLocale, isLocale, locales, type Locale } from './locales';

/**
 * The UI language of a request: the one the viewer chose (the `locale` cookie) if we ship
 * it, else the best of the browser's languages we ship, else English.
 */
export function negotiateLocale(input: {
  chosen: string | undefined;
  acceptLanguage: string | null;
}): Locale {
  if (isLocale(input.chosen)) return input.chosen;
  return matchAcceptLanguage(input.acceptLanguage) ?? defaultLocale;
}

/**
 * RFC 9110 `Accept-Language`, highest weight first; a regional tag ("de-AT") matches its
 * language ("de") since our catalogs are per language. Ties keep the browser's order.
 */
export function matchAcceptLanguage(header: string | null): Locale | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((range) => range.tag !== '' && range.tag !== '*' && range.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranges) {
    const language = tag.split('-')[0];
    const match = locales.find((locale) => locale === tag || locale === language);
    if (match) return match;
  }
  return undefined;
}
