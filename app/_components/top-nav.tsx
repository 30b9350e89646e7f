'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { WorkspaceName } from './workspace-name';

const sections = [
  { href: '/journeys', label: 'Journeys' },
  { href: '/runs', label: 'Runs' },
  { href: '/customers', label: 'Customers' },
  { href: '/inbox', label: 'Inbox' },
] as const;

export function TopNav() {
  const pathname = usePathname();
  return (
    <header className="top-nav">
      <Link href="/journeys" className="top-nav__brand">
        <span className="top-nav__logo" aria-hidden>
          ◆
        </span>
        Journeys
      </Link>
      <nav aria-label="Main">
        <ul className="top-nav__links">
          {sections.map((section) => {
            const active = pathname === section.href || pathname.startsWith(`${section.href}/`);
            return (
              <li key={section.href}>
                <Link
                  href={section.href}
                  className={active ? 'top-nav__link top-nav__link--active' : 'top-nav__link'}
                  aria-current={active ? 'page' : undefined}
                >
                  {section.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <WorkspaceName />
    </header>
  );
}
