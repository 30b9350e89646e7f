'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { parseRangeChoice, rangeChoiceQuery } from './range-choice';

export const reportTabs = ['dashboard', 'tiers', 'segments', 'rewards', 'email', 'journeys'] as const;

/**
 * The report tabs. Unlike the shared SectionTabs, each link carries the chosen period, so
 * moving between reports keeps the range.
 */
export function AnalyticsTabs() {
  const t = useTranslations('analytics');
  const pathname = usePathname();
  const query = rangeChoiceQuery(parseRangeChoice(useSearchParams()));
  return (
    <nav aria-label={t('tabs')} className="section-tabs">
      {reportTabs.map((tab) => {
        const path = `/analytics/${tab}`;
        // A journey's own report (/analytics/journeys/<id>) belongs to the Journeys tab.
        const active = pathname === path || pathname.startsWith(`${path}/`);
        return (
          <Link
            key={tab}
            href={`${path}?${query}`}
            className={active ? 'section-tabs__tab section-tabs__tab--active' : 'section-tabs__tab'}
            aria-current={active ? 'page' : undefined}
            data-testid={`tab-analytics-${tab}`}
          >
            {t(`tabNames.${tab}`)}
          </Link>
        );
      })}
    </nav>
  );
}
