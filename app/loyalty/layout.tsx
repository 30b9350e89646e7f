import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { SectionTabs } from '../_components/section-tabs';

const tabs = ['earning', 'tiers', 'rewards'] as const;

/** The loyalty program's settings, one tab per part a marketer configures. */
export default async function LoyaltyLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations('loyalty');
  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <h1>{t('title')}</h1>
        </div>
      </div>
      <SectionTabs
        label={t('tabs')}
        tabs={tabs.map((tab) => ({
          href: `/loyalty/${tab}`,
          label: t(`tabNames.${tab}`),
          id: `loyalty-${tab}`,
        }))}
      />
      {children}
    </>
  );
}
