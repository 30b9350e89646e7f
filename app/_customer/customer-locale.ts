import { defaultLocale, isLocale, type Locale } from '../../config/locales';

/**
 * The language of a customer-facing page: the customer's own (`de`, `de-AT` → `de`), never
 * the viewer's cookie, since whoever opens the link is meant to be that customer.
 */
export function customerLocale(stored: string): Locale {
  const language = stored.split(/[-_]/)[0]?.toLowerCase();
  return isLocale(language) ? language : defaultLocale;
}
