'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { AccountMenu } from './account-menu';
import { LanguageSwitch } from './language-switch';
import { WorkspaceSwitcher } from './workspace-switcher';

const sections = [
  'journeys',
  'runs',
  'customers',
  'segments',
  'emails',
  'loyalty',
  'analytics',
  'inbox',
  'settings',
  'system',
] as const;

export function TopNav() {
  const t = useTranslations('nav');
  const pathname = usePathname();
  return (
    <header className="top-nav">
      <Link href="/journeys" className="top-nav__brand">
        <span className="top-nav__logo" aria-hidden>
          ◆
        </span>
        {t('brand')}
      </Link>
      <nav aria-label={t('main')}>
        <ul className="top-nav__links">
          {sections.map((section) => {
            const href = `/${section}`;
            const active = pathname === href || pathname.startsWith(`${href}/`);
            return (
              <li key={section}>
                <Link
                  href={href}
                  className={active ? 'top-nav__link top-nav__link--active' : 'top-nav__link'}
                  aria-current={active ? 'page' : undefined}
                  data-testid={`nav-${section}`}
                >
                  {t(section)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="top-nav__controls">
        <WorkspaceSwitcher />
        <LanguageSwitch />
        <AccountMenu />
      </div>
    </header>
  );
}
