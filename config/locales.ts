import { z } from 'zod';

/** The languages the UI and the starter templates ship in; English is the fallback. */
export const locales = ['en', 'de'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

export const localeSchema = z.enum(locales, { error: `must be one of: ${locales.join(', ')}` });

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
