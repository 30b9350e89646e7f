import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { SectionTabs } from '../_components/section-tabs';

/** Workspace settings, one tab per part: who may call our APIs, whom we never mail, who works here, who did what. */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations('settingsTabs');
  return (
    <>
      <SectionTabs
        label={t('label')}
        tabs={[
          { href: '/settings/api-keys', label: t('api-keys'), id: 'settings-api-keys' },
          { href: '/settings/suppressions', label: t('suppressions'), id: 'settings-suppressions' },
          { href: '/settings/members', label: t('members'), id: 'settings-members' },
          { href: '/settings/audit', label: t('audit'), id: 'settings-audit' },
        ]}
      />
      {children}
    </>
  );
}
