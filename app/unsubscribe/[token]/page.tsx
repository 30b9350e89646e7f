import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getUnsubscribeView } from '../../../db/customers/unsubscribe';
import { verifyCustomerLink } from '../../../server/customer-links';
import { getDatabase } from '../../../server/database';
import { customerLocale } from '../../_customer/customer-locale';
import { InvalidLink } from '../../_customer/invalid-link';
import { confirmUnsubscribe } from './actions';

type Props = { params: Promise<{ token: string }> };

// Consent changes on this very page; never serve a cached answer.
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('metadata');
  return { title: t('unsubscribe'), robots: { index: false, follow: false } };
}

/**
 * Opened from the unsubscribe link in an email; links to the preference page (same token)
 * for a customer who would rather drop a topic than everything. Opening it changes nothing
 * (link scanners and previews open links too); the button does. Once consent is withdrawn,
 * the page says so.
 */
export default async function UnsubscribePage({ params }: Props) {
  const { token } = await params;
  const claims = verifyCustomerLink(token, 'unsubscribe');
  if (!claims) return <InvalidLink />;
  const view = await getUnsubscribeView(getDatabase(), claims.workspaceId, claims.customerId);
  if (!view) return <InvalidLink />;

  const locale = customerLocale(view.locale);
  const t = await getTranslations({ locale, namespace: 'unsubscribePage' });
  const firstName = view.firstName?.trim();

  return (
    <div className="customer-page" lang={locale} data-testid="unsubscribe-page" data-locale={locale}>
      <section className="customer-card">
        {view.marketingConsent ? (
          <>
            <h1>{t('title')}</h1>
            <p>
              {firstName
                ? t('question', { firstName, shop: view.shopName })
                : t('questionNoName', { shop: view.shopName })}
            </p>
            <form action={confirmUnsubscribe.bind(null, token)}>
              <button
                type="submit"
                className="button button--primary customer-button"
                data-testid="unsubscribe-confirm"
              >
                {t('confirm')}
              </button>
            </form>
          </>
        ) : (
          <div data-testid="unsubscribe-done">
            <h1>{t('doneTitle')}</h1>
            <p>{t('doneText', { shop: view.shopName })}</p>
          </div>
        )}
        <p className="customer-footer">
          <a href={`/preferences/${encodeURIComponent(token)}`} data-testid="unsubscribe-preferences-link">
            {t('preferencesLink')}
          </a>
        </p>
      </section>
    </div>
  );
}
