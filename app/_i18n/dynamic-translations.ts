'use client';

import { useTranslations, type TranslationValues } from 'next-intl';

/** A translator over the whole catalog that takes keys built at run time. */
export interface DynamicTranslator {
  (key: string, values?: TranslationValues): string;
  has(key: string): boolean;
}

/**
 * Node types, compile error codes and statuses are data, so their keys
 * (`nodes.${type}.label`) cannot be checked by the compiler against the typed catalog.
 * Only the hooks in app/_i18n use this, and app/i18n-catalog.test.ts checks every key
 * they can build exists in both languages.
 */
export function useDynamicTranslations(): DynamicTranslator {
  return useTranslations() as unknown as DynamicTranslator;
}
