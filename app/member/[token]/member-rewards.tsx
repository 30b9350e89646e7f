import { eq } from 'drizzle-orm';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { Locale } from '../../../config/locales';
import { listRedeemableRewards } from '../../../db/rewards/redeemable';
import { listCustomerVouchers } from '../../../db/rewards/vouchers';
import { workspaces } from '../../../db/schema';
import { getDatabase } from '../../../server/database';
import { RewardsCard } from './rewards-card';
import { VouchersCard } from './vouchers-card';

/**
 * The member page's rewards and vouchers. The redeem card runs in the browser, so it gets
 * the customer's language and zone through its own provider: the page speaks the
 * customer's language, whatever the browser that opened the link prefers.
 */
export async function MemberRewards({
  token,
  workspaceId,
  customerId,
  locale,
  timeZone,
}: {
  token: string;
  workspaceId: string;
  customerId: string;
  locale: Locale;
  timeZone: string;
}) {
  const db = getDatabase();
  const [rewards, vouchers, [workspace], messages] = await Promise.all([
    listRedeemableRewards(db, workspaceId, customerId),
    listCustomerVouchers(db, workspaceId, customerId),
    db.select({ currency: workspaces.currency }).from(workspaces).where(eq(workspaces.id, workspaceId)),
    getMessages({ locale }),
  ]);
  const all = messages as { memberRewards: unknown; rewards: { kinds: unknown } };
  return (
    <>
      <NextIntlClientProvider
        locale={locale}
        timeZone={timeZone}
        messages={{ memberRewards: all.memberRewards, rewards: { kinds: all.rewards.kinds } } as never}
      >
        <RewardsCard token={token} rewards={rewards} currency={workspace?.currency ?? 'EUR'} />
      </NextIntlClientProvider>
      <VouchersCard vouchers={vouchers} locale={locale} timeZone={timeZone} />
    </>
  );
}
