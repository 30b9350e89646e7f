import { getTranslations } from 'next-intl/server';
import { Suspense, type ReactNode } from 'react';
import { AnalyticsTabs } from './analytics-tabs';
import { RangePicker } from './range-picker';

/** Every report under one header: the tabs and the period picker stay while a report changes. */
export default async function AnalyticsLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations('analytics');
  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <h1>{t('title')}</h1>
          <span className="page-header__subtitle">{t('subtitle')}</span>
        </div>
      </div>
      {/* The tabs, the picker and the reports read the period from the URL (useSearchParams). */}
      <Suspense fallback={null}>
        <AnalyticsTabs />
        <RangePicker />
        {children}
      </Suspense>
    </>
  );
}
