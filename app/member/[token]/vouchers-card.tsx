import { getFormatter, getTranslations } from 'next-intl/server';
import type { Locale } from '../../../config/locales';
import type { CustomerVoucher } from '../../../db/rewards/vouchers';

/** The member's vouchers: the code to use at the till, what it is for, and until when. */
export async function VouchersCard({
  vouchers,
  locale,
  timeZone,
}: {
  vouchers: CustomerVoucher[];
  locale: Locale;
  timeZone: string;
}) {
  const t = await getTranslations({ locale, namespace: 'memberRewards' });
  const format = await getFormatter({ locale });
  const date = (value: Date) => format.dateTime(value, { dateStyle: 'medium', timeZone });
  const statusText = (voucher: CustomerVoucher) =>
    voucher.status === 'issued'
      ? voucher.expiresAt
        ? t('voucherValidUntil', { date: date(voucher.expiresAt) })
        : t('voucherNoExpiry')
      : voucher.status === 'redeemed'
        ? t('voucherUsed', { date: voucher.redeemedAt ? date(voucher.redeemedAt) : '' })
        : voucher.status === 'expired'
          ? t('voucherExpired')
          : t('voucherVoid');
  return (
    <section className="customer-card" data-testid="member-vouchers">
      <h2>{t('vouchersTitle')}</h2>
      {vouchers.length === 0 ? (
        <p className="muted">{t('vouchersEmpty')}</p>
      ) : (
        <ul className="member-vouchers">
          {vouchers.map((voucher) => (
            <li
              key={voucher.id}
              className={`member-voucher member-voucher--${voucher.status}`}
              data-testid="member-voucher"
              data-status={voucher.status}
            >
              <span className="member-voucher__reward">{voucher.rewardName}</span>
              <span className="member-voucher__code mono" data-testid="member-voucher-row-code">
                {voucher.code}
              </span>
              <span className="muted">{statusText(voucher)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
