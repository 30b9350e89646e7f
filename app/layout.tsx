import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { TopNav } from './_components/top-nav';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Journeys', template: '%s · Journeys' },
  description: 'Marketing journeys with loyalty points, built on a canvas and run by Temporal.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <TopNav />
          <main className="page">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
