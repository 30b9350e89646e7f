'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { isLocale, locales } from '../../config/locales';
import { localeCookie, localeCookieMaxAgeSeconds } from '../../i18n/locale-cookie';
import { setBrowserCookie } from './set-browser-cookie';

/**
 * English / Deutsch. The choice is a cookie the server reads on every request
 * (i18n/request.ts), so it is remembered per browser until accounts exist and can keep
 * it per user; without a choice the browser's language wins. A refresh then re-renders
 * the server components and hands the client the new messages, without a full reload.
 */
export function LanguageSwitch() {
  const t = useTranslations('language');
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <select
      className="top-nav__select"
      value={locale}
      aria-label={t('label')}
      disabled={pending}
      onChange={(event) => {
        const next = event.target.value;
        if (!isLocale(next)) return;
        setBrowserCookie(localeCookie, next, localeCookieMaxAgeSeconds);
        startTransition(() => router.refresh());
      }}
      data-testid="language-switch"
    >
      {locales.map((code) => (
        <option key={code} value={code} lang={code}>
          {t(`names.${code}`)}
        </option>
      ))}
    </select>
  );
}
