import { getLocale, getTranslations } from 'next-intl/server';
import type { Locale } from '../../config/locales';

/**
 * Shown for a tampered, expired or unknown link. Without a valid token we do not know the
 * customer, so it speaks the viewer's language (cookie or browser) unless told otherwise.
 */
export async function InvalidLink({ locale }: { locale?: Locale }) {
  const viewerLocale = locale ?? (await getLocale());
  const t = await getTranslations({ locale: viewerLocale, namespace: 'customerLink' });
  return (
    <div className="customer-page" lang={viewerLocale} data-testid="invalid-link">
      <section className="customer-card">
        <h1>{t('invalidTitle')}</h1>
        <p className="muted">{t('invalidText')}</p>
      </section>
    </div>
  );
}
