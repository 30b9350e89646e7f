import type { Metadata } from 'next';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { getMemberPageData } from '../../../db/customers/member-page';
import { verifyCustomerLink } from '../../../server/customer-links';
import { getDatabase } from '../../../server/database';
import { customerLocale } from '../../_customer/customer-locale';
import { InvalidLink } from '../../_customer/invalid-link';
import { MemberRewards } from './member-rewards';
import { TierCard } from './tier-card';

/** "Expiring soon" on the member page looks this far ahead. */
const expiringWithinDays = 30;

type Props = { params: Promise<{ token: string }> };

// Always read fresh: the balance changes with every award, and the link decides whose page it is.
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const claims = verifyCustomerLink((await params).token, 'member');
  const data = claims
    ? await getMemberPageData(getDatabase(), claims.workspaceId, claims.customerId, { expiringWithinDays })
    : null;
  const locale = data ? customerLocale(data.customer.locale) : await getLocale();
  const t = await getTranslations({ locale, namespace: 'metadata' });
  // Never indexed: the page belongs to one customer.
  return { title: data ? t('memberPage') : t('invalidLink'), robots: { index: false, follow: false } };
}

/** The customer's own points page, opened from "See your points" in an email. */
export default async function MemberPage({ params }: Props) {
  const claims = verifyCustomerLink((await params).token, 'member');
  if (!claims) return <InvalidLink />;
  const data = await getMemberPageData(getDatabase(), claims.workspaceId, claims.customerId, {
    expiringWithinDays,
  });
  if (!data) return <InvalidLink />;

  const locale = customerLocale(data.customer.locale);
  const timeZone = data.customer.timeZone;
  const t = await getTranslations({ locale, namespace: 'memberPage' });
  const format = await getFormatter({ locale });
  // Dates in the customer's own zone: "expires on 3 Dec" must be their 3 December.
  const date = (value: Date) => format.dateTime(value, { dateStyle: 'medium', timeZone });
  const firstName = data.customer.firstName?.trim();

  return (
    <div className="customer-page" lang={locale} data-testid="member-page" data-locale={locale}>
      <section className="customer-card">
        <h1 data-testid="member-greeting">
          {firstName ? t('greeting', { firstName }) : t('greetingNoName')}
        </h1>
        <p className="muted">{t('balanceLabel')}</p>
        <p className="customer-balance">
          <span data-testid="member-balance">
            {format.number(data.balance, { maximumFractionDigits: 0 })}
          </span>{' '}
          <span className="customer-balance__unit">{t('pointsUnit', { count: data.balance })}</span>
        </p>
        <p className="customer-expiring" data-testid="member-expiring">
          {data.expiringSoon
            ? t('expiringSoon', {
                points: data.expiringSoon.points,
                date: date(data.expiringSoon.firstExpiry),
              })
            : t('nothingExpiring')}
        </p>
      </section>
      <TierCard workspaceId={claims.workspaceId} customerId={claims.customerId} locale={locale} />
      <MemberRewards
        token={(await params).token}
        workspaceId={claims.workspaceId}
        customerId={claims.customerId}
        locale={locale}
        timeZone={timeZone}
      />

      <section className="customer-card">
        <h2>{t('historyTitle')}</h2>
        {data.entries.length === 0 ? (
          <p className="muted">{t('historyEmpty')}</p>
        ) : (
          <ul className="customer-history" data-testid="member-history">
            {data.entries.map((entry) => (
              <li key={entry.id} className="customer-history__row" data-testid="member-history-row">
                <div className="customer-history__main">
                  <span className="customer-history__kind" data-testid="member-history-kind">
                    {t(`kinds.${entry.kind}`)}
                  </span>
                  <span className="muted customer-history__reason">{entry.reason}</span>
                  <span className="muted customer-history__date">{date(entry.createdAt)}</span>
                </div>
                <span
                  className={
                    entry.points >= 0
                      ? 'customer-history__points customer-history__points--plus'
                      : 'customer-history__points'
                  }
                >
                  {format.number(entry.points, { maximumFractionDigits: 0, signDisplay: 'exceptZero' })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="muted customer-footer">{t('footer')}</p>
    </div>
  );
}
