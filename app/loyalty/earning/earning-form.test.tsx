import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpLink } from '@trpc/client';
import { NextIntlClientProvider } from 'next-intl';
import { renderToString } from 'react-dom/server';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import de from '../../../messages/de.json';
import en from '../../../messages/en.json';
import { defaultEarnRules } from '../../../db/program/earn-rules';
import { defaultTierSettings } from '../../../db/program/tier-settings';
import type { AppRouter } from '../../../server/routers/_app';
import { TRPCProvider } from '../../_trpc/react';
import { EarningForm } from './earning-settings';
import type { ProgramSettingsView } from './settings-draft';

// Renders the whole form in both languages: every message it asks for exists and
// formats with the values given, and the live example shows the default rule's points.
function render(locale: 'en' | 'de', saved: ProgramSettingsView): string {
  const queryClient = new QueryClient();
  const trpcClient = createTRPCClient<AppRouter>({
    links: [httpLink({ url: 'http://localhost/api/trpc', transformer: superjson })],
  });
  return renderToString(
    <NextIntlClientProvider locale={locale} messages={locale === 'en' ? en : de} timeZone="Europe/Berlin">
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <EarningForm saved={saved} />
        </TRPCProvider>
      </QueryClientProvider>
    </NextIntlClientProvider>,
  );
}

const saved: ProgramSettingsView = {
  pointsExpiry: { kind: 'months', months: 24 },
  earnRules: {
    ...defaultEarnRules,
    purchase: { ...defaultEarnRules.purchase, bonuses: [{ minOrderAmount: 5000, points: 10 }] },
    actions: [{ action: 'review', points: 20, cap: { count: 2, period: 'day' } }],
  },
  tierSettings: defaultTierSettings,
  expiringNoticeDays: 14,
  currency: 'EUR',
};

describe('EarningForm', () => {
  it('renders in English with the live example from the saved rule', () => {
    const html = render('en', saved);
    expect(html).toContain('data-testid="earning-form"');
    // 59.90 € at 1 point per euro: 59 points, plus the 50 € bonus of 10.
    expect(html).toMatch(/An order of €59\.90 earns 69 points, including 10 bonus points\./);
    expect(html).toContain('value="50.00"');
    expect(html.match(/data-testid="action-row"/g)).toHaveLength(6);
  });

  it('renders in German', () => {
    const html = render('de', { ...saved, earnRules: defaultEarnRules });
    expect(html).toMatch(/Eine Bestellung über 59,90\s€ bringt 59 Punkte\./);
  });
});
