import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { getPreferencesView } from '../../../db/compliance/preferences';
import { topicText } from '../../../db/compliance/topic-text';
import { verifyCustomerLink } from '../../../server/customer-links';
import { getDatabase } from '../../../server/database';
import { customerLocale } from '../../_customer/customer-locale';
import { InvalidLink } from '../../_customer/invalid-link';
import { submitPreferences } from './actions';
import { maskEmail } from './mask-email';

type Props = {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ saved?: string | string[] }>;
};

// Consent changes on this very page; never serve a cached answer.
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const claims = verifyCustomerLink((await params).token, 'unsubscribe');
  const view = claims ? await getPreferencesView(getDatabase(), claims.workspaceId, claims.customerId) : null;
  const locale = view ? customerLocale(view.locale) : await getLocale();
  const t = await getTranslations({ locale, namespace: 'metadata' });
  // Never indexed: the page belongs to one customer.
  return { title: view ? t('preferences') : t('invalidLink'), robots: { index: false, follow: false } };
}

/**
 * The email preference page, opened from "Email preferences" in an email footer (the same
 * signed link as unsubscribe), without login. Topics are ticked when the customer gets
 * them; leaving or rejoining marketing email as a whole is its own box, ticked by the
 * customer's hand, never a default. Opening the page changes nothing; saving does.
 */
export default async function PreferencesPage({ params, searchParams }: Props) {
  const { token } = await params;
  const claims = verifyCustomerLink(token, 'unsubscribe');
  if (!claims) return <InvalidLink />;
  const view = await getPreferencesView(getDatabase(), claims.workspaceId, claims.customerId);
  if (!view) return <InvalidLink />;

  const locale = customerLocale(view.locale);
  const t = await getTranslations({ locale, namespace: 'preferencesPage' });
  const saved = (await searchParams).saved === '1';

  return (
    <div className="customer-page" lang={locale} data-testid="preferences-page" data-locale={locale}>
      <section className="customer-card">
        <h1>{t('title')}</h1>
        <p className="muted" data-testid="preferences-intro">
          {view.email
            ? t('intro', { shop: view.shopName, address: maskEmail(view.email) })
            : t('introNoAddress', { shop: view.shopName })}
        </p>
        {saved && (
          <p className="preferences-saved" role="status" data-testid="preferences-saved">
            {view.marketingConsent ? t('saved') : t('savedUnsubscribed')}
          </p>
        )}
        <form action={submitPreferences.bind(null, token)} className="preferences-form">
          {view.topics.length > 0 && (
            <fieldset className="preferences-topics">
              <legend>{t('topicsTitle')}</legend>
              {view.topics.map((topic) => {
                const description = topicText(topic.description, locale, '');
                return (
                  <label
                    key={topic.key}
                    className="preferences-option"
                    data-testid={`preferences-topic-${topic.key}`}
                  >
                    <input type="hidden" name="shown" value={topic.key} />
                    <input type="checkbox" name="topic" value={topic.key} defaultChecked={!topic.optedOut} />
                    <span>
                      <span className="preferences-option__name">
                        {topicText(topic.name, locale, topic.key)}
                      </span>
                      {description && <span className="preferences-option__help muted">{description}</span>}
                    </span>
                  </label>
                );
              })}
            </fieldset>
          )}
          {view.marketingConsent ? (
            <label className="preferences-option preferences-option--all">
              <input
                type="checkbox"
                name="marketing"
                value="unsubscribe"
                data-testid="preferences-unsubscribe-all"
              />
              <span className="preferences-option__name">{t('unsubscribeAll')}</span>
            </label>
          ) : (
            <>
              <p className="preferences-status" data-testid="preferences-not-subscribed">
                {t('notSubscribed', { shop: view.shopName })}
              </p>
              <label className="preferences-option preferences-option--all">
                <input
                  type="checkbox"
                  name="marketing"
                  value="subscribe"
                  data-testid="preferences-subscribe"
                />
                <span className="preferences-option__name">{t('subscribe', { shop: view.shopName })}</span>
              </label>
            </>
          )}
          <button
            type="submit"
            className="button button--primary customer-button"
            data-testid="preferences-save"
          >
            {t('save')}
          </button>
        </form>
      </section>
    </div>
  );
}
