import { eq } from 'drizzle-orm';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { Locale } from '../../../config/locales';
import { workspaces } from '../../../db/schema';
import { getTierProgress } from '../../../db/tiers/tier-progress';
import { getDatabase } from '../../../server/database';
import { formatTierValue } from '../../loyalty/tiers/tier-values';

/**
 * The member's tier on their own page: its name and perks, and how far the next tier is,
 * as a bar and in words ("150 more points to Gold"). Nothing when the program has no tiers.
 * Rendered on the server in the customer's language.
 */
export async function TierCard({
  workspaceId,
  customerId,
  locale,
}: {
  workspaceId: string;
  customerId: string;
  locale: Locale;
}) {
  const db = getDatabase();
  const [progress, [workspace]] = await Promise.all([
    getTierProgress(db, workspaceId, customerId),
    db.select({ currency: workspaces.currency }).from(workspaces).where(eq(workspaces.id, workspaceId)),
  ]);
  if (!progress.hasTiers) return null;
  const t = await getTranslations({ locale, namespace: 'tierCard' });
  const format = await getFormatter({ locale });
  const currency = workspace?.currency ?? 'EUR';
  const value = (v: number) =>
    progress.basis === 'points'
      ? t('points', { value: formatTierValue(format, v, 'points', currency), count: v })
      : formatTierValue(format, v, 'spend', currency);
  const { tier, nextTier, gapToNext, qualifyingValue } = progress;
  // The bar runs from the held tier's threshold (or zero) to the next one.
  const from = tier?.threshold ?? 0;
  const percent = nextTier
    ? Math.max(
        0,
        Math.min(100, Math.round(((qualifyingValue - from) / Math.max(1, nextTier.threshold - from)) * 100)),
      )
    : 100;

  return (
    <section className="customer-card tier-card" data-testid="member-tier">
      <p className="muted">{t('label')}</p>
      <h2 className="tier-card__name" data-testid="member-tier-name">
        {tier ? tier.name : t('noTier')}
      </h2>
      {tier?.perks && (
        <p className="tier-card__perks" data-testid="member-tier-perks">
          {tier.perks}
        </p>
      )}
      {nextTier && gapToNext !== null ? (
        <>
          <div
            className="tier-progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-label={t('progressLabel', { tier: nextTier.name })}
          >
            <div className="tier-progress__bar" style={{ width: `${percent}%` }} />
          </div>
          <p className="tier-card__gap" data-testid="member-tier-gap">
            {gapToNext > 0
              ? t('gap', { value: value(gapToNext), tier: nextTier.name })
              : t('reached', { tier: nextTier.name })}
          </p>
        </>
      ) : (
        <p className="tier-card__gap" data-testid="member-tier-top">
          {t('topTier')}
        </p>
      )}
      <p className="muted tier-card__basis">
        {progress.basis === 'spend'
          ? t('basisSpend', { months: progress.windowMonths })
          : t('basisPoints', { months: progress.windowMonths })}
      </p>
    </section>
  );
}
