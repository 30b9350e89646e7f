import { readFile } from 'node:fs/promises';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

// Against a `next dev` stack (E2E_BASE_URL), the analytics routes (recharts included) compile
// on their first request; the suite's own stack serves a build.
const firstCompile = { timeout: 120_000 };

/** A figure's value as a number: "1,234" → 1234, "€1,234.50" → 1234.5. */
async function numberIn(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  return Number(text.replace(/[^\d.-]/g, ''));
}

/** A day as YYYY-MM-DD, `days` before today (UTC; the demo orders are weeks apart, so a zone cannot matter). */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

test.describe('analytics', () => {
  test.setTimeout(300_000);

  test('the dashboard shows the seeded figures for a period, follows the range and exports CSV', async ({
    page,
  }) => {
    const orders = page.getByTestId('figure-orders');

    await test.step('figures for the last 7 days, each with the period before and its formula', async () => {
      await page.goto('/analytics?days=7', firstCompile);
      await expect(page).toHaveURL(/\/analytics\/dashboard\?days=7/);
      await expect(orders.getByTestId('figure-value')).toHaveText(/\d/, firstCompile);
      await expect(orders.getByTestId('figure-previous')).toContainText('before:');
      await expect(orders.getByTestId('figure-formula')).toHaveText('Orders placed in the period');
      await expect(page.getByTestId('figure-liability').getByTestId('figure-formula')).toContainText(
        'cost per point (1 minor units)',
      );
      await expect(page.getByTestId('analytics-refreshed')).toContainText('Figures as of');
      await expect(page.getByTestId('range-summary')).toContainText('compared with');
      await expect(page.getByTestId('chart-point-flow').locator('svg').first()).toBeVisible();
    });

    await test.step('a longer range takes in the demo orders of the weeks before', async () => {
      // Demo orders were placed 3, 8, 12, 40 and 60 days ago; other specs add orders today only.
      const lastWeek = await numberIn(orders.getByTestId('figure-value'));
      await page.getByTestId('range-preset-90').click();
      await expect(page).toHaveURL(/days=90/);
      await expect.poll(() => numberIn(orders.getByTestId('figure-value'))).toBe(lastWeek + 4);
    });

    await test.step('a custom range around one demo order shows exactly that order', async () => {
      await page.getByTestId('range-custom').click();
      await page.getByTestId('range-from').fill(daysAgo(55));
      await page.getByTestId('range-to').fill(daysAgo(45));
      await page.getByTestId('range-apply').click();
      await expect(page).toHaveURL(new RegExp(`from=${daysAgo(55)}&to=${daysAgo(45)}`));
      await expect(orders.getByTestId('figure-value')).toHaveText('0');
      await page.getByTestId('range-from').fill(daysAgo(65));
      await page.getByTestId('range-apply').click();
      // DEMO-10004, 1,240.00 € 60 days ago.
      await expect(orders.getByTestId('figure-value')).toHaveText('1');
      await expect(page.getByTestId('figure-revenue').getByTestId('figure-value')).toHaveText('€1,240.00');
      await page.screenshot({ path: test.info().outputPath('dashboard.png'), fullPage: true });
    });

    await test.step('the figures download as CSV with the headers on screen', async () => {
      const downloading = page.waitForEvent('download');
      await page.getByTestId('csv-figures').click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(`figures-${daysAgo(65)}-${daysAgo(45)}.csv`);
      const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
      const lines = csv.trim().split(/\r?\n/);
      expect(lines[0]).toBe('Figure,Value,Previous period,Change,Unit,Formula');
      expect(lines).toContain('orders,1,0,1,count,orders placed in the period');
      expect(lines.find((line) => line.startsWith('revenue,'))).toMatch(/^revenue,124000,0,124000,money,/);
    });

    await test.step('the tier report keeps the range and exports its table', async () => {
      await page.getByTestId('tab-analytics-tiers').click();
      await expect(page).toHaveURL(new RegExp(`/analytics/tiers\\?from=${daysAgo(65)}`));
      await expect(page.getByTestId('table-tierDistribution')).toBeVisible(firstCompile);
      await expect(page.getByTestId('table-tierDistribution')).toContainText('Gold');
      const downloading = page.waitForEvent('download');
      await page.getByTestId('csv-tierDistribution').click();
      const csv = await readFile((await (await downloading).path())!, 'utf8');
      expect(csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe('Tier,Members,Members before');
      await page.screenshot({ path: test.info().outputPath('tiers.png'), fullPage: true });
    });

    await test.step('the email report and the rest load too', async () => {
      for (const tab of ['segments', 'rewards', 'email'] as const) {
        await page.getByTestId(`tab-analytics-${tab}`).click();
        await expect(page.getByTestId(`analytics-${tab}`)).toBeVisible(firstCompile);
      }
      await expect(page.getByTestId('figure-emailSent')).toBeVisible();
      await page.screenshot({ path: test.info().outputPath('email.png'), fullPage: true });
    });
  });

  test.describe('in German', () => {
    // A browser asking for German gets the German UI (no language picked yet).
    test.use({ locale: 'de-DE' });

    test('names every figure and its formula in German, with German numbers', async ({ page }) => {
      await page.goto('/analytics/dashboard?days=90', firstCompile);
      await expect(page.getByRole('heading', { name: 'Analysen' })).toBeVisible(firstCompile);
      const revenue = page.getByTestId('figure-revenue');
      await expect(revenue).toContainText('Umsatz');
      await expect(revenue.getByTestId('figure-formula')).toHaveText('Summe der Bestellbeträge im Zeitraum');
      // German money: "1.240,00 €" style, comma for decimals.
      await expect(revenue.getByTestId('figure-value')).toHaveText(/^[\d.]+,\d{2}\s€$/);
      await expect(page.getByTestId('range-preset-90')).toHaveText('Letzte 90 Tage');
      await expect(page.getByTestId('analytics-refreshed')).toContainText('Stand der Zahlen');
      await page.screenshot({ path: test.info().outputPath('dashboard-de.png'), fullPage: true });
    });
  });

  test.describe('as an analyst', () => {
    test.use({ role: 'analyst' });

    test('reads the dashboard and sees the report settings without a form', async ({ page }) => {
      await page.goto('/analytics/dashboard?days=30', firstCompile);
      await expect(page.getByTestId('figure-members').getByTestId('figure-value')).toHaveText(
        /\d/,
        firstCompile,
      );
      await expect(page.getByTestId('report-settings-read-only')).toContainText('One point costs 1');
      await expect(page.getByTestId('report-settings-cost')).toHaveCount(0);
    });
  });
});
