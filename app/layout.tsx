import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ViewerTimeZone } from './_i18n/viewer-time-zone';
import { AppChrome } from './_components/app-chrome';
import { TopNav } from './_components/top-nav';
import { Providers } from './providers';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('metadata');
  return {
    title: { default: t('appTitle'), template: t('titleTemplate') },
    description: t('description'),
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        {/* Hands the request's language, messages and zone (i18n/request.ts) to client components. */}
        <NextIntlClientProvider>
          <ViewerTimeZone>
            <Providers>
              <AppChrome nav={<TopNav />}>{children}</AppChrome>
            </Providers>
          </ViewerTimeZone>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
