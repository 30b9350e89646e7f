'use client';

import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

/** Pages a customer opens from an email, and the sign-in page: no marketer navigation, no workspace switcher. */
const customerFacing = ['/member/', '/unsubscribe/', '/preferences/'];

export function isCustomerFacingPath(pathname: string): boolean {
  return customerFacing.some((prefix) => pathname.startsWith(prefix));
}

/**
 * The marketer app's frame (top navigation, page width) around every page except the
 * customer-facing ones, which bring their own minimal chrome. A check rather than a route
 * group, so the existing pages keep their paths and files.
 */
export function AppChrome({ nav, children }: { nav: ReactNode; children: ReactNode }) {
  const pathname = usePathname();
  if (pathname === '/login') return <main className="page page--narrow">{children}</main>;
  if (isCustomerFacingPath(pathname)) return <>{children}</>;
  return (
    <>
      {nav}
      <main className="page">{children}</main>
    </>
  );
}
