import { getRequestConfig } from 'next-intl/server';
import { cookies, headers } from 'next/headers';
import type en from '../messages/en.json';
import { isLocale } from '../config/locales';
import { negotiateLocale } from '../config/negotiate-locale';
import { localeCookie } from './locale-cookie';
import { workspaceTimeZone } from './workspace-time-zone';

/**
 * next-intl's per-request configuration, without locale routing: URLs stay the same in
 * every language. The language is the viewer's choice (cookie), else the browser's
 * `Accept-Language`, else English; a server call that names its locale gets that one.
 */
export default getRequestConfig(async ({ locale: explicit }) => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  // An explicit locale (`getTranslations({ locale, … })`) wins: the customer-facing pages
  // speak the customer's language, whatever the viewer's cookie or browser says.
  const locale = isLocale(explicit)
    ? explicit
    : negotiateLocale({
        chosen: cookieStore.get(localeCookie)?.value,
        acceptLanguage: headerList.get('accept-language'),
      });
  const [messages, timeZone] = await Promise.all([
    import(`../messages/${locale}.json`).then((module: { default: typeof en }) => module.default),
    workspaceTimeZone(headerList),
  ]);
  return { locale, messages, timeZone };
});
