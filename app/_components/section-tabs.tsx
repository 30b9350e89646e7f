'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

interface Tab {
  id: string;
  href: string;
  label: string;
}

/** Tabs that are links, so each part of a section has its own URL and the back button works. */
export function SectionTabs({ label, tabs }: { label: string; tabs: Tab[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="section-tabs">
      {tabs.map((tab) => {
        const active = pathname === tab.href || pathname.startsWith(`${tab.href}/`);
        return (
          <Link
            key={tab.id}
            href={tab.href}
            className={active ? 'section-tabs__tab section-tabs__tab--active' : 'section-tabs__tab'}
            aria-current={active ? 'page' : undefined}
            data-testid={`tab-${tab.id}`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
