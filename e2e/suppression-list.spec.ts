import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';

const artifacts = path.join('test-results', 'artifacts');

test.beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
});

test('an admin suppresses an address by hand, finds it, and lifts it again', async ({ page }) => {
  const address = `complaints-${Date.now()}@example.test`;
  const response = await page.goto('/settings/api-keys');
  // The security headers every page carries (config/security-headers.ts).
  expect(response?.headers()).toMatchObject({
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
  });
  await page.getByTestId('tab-settings-suppressions').click();
  await expect(page).toHaveURL(/\/settings\/suppressions$/);

  await test.step('a malformed address is refused on its field, a good one is added', async () => {
    await page.getByTestId('suppression-add-address').fill('not-an-address');
    await page.getByTestId('suppression-add-submit').click();
    await expect(page.locator('#suppression-address')).toHaveClass(/invalid/);
    await page.getByTestId('suppression-add-address').fill(address.toUpperCase());
    await page.getByTestId('suppression-add-submit').click();
    await expect(page.getByTestId('suppressions-message')).toContainText(address);
  });

  await test.step('search and filter find it, stored in lower case', async () => {
    await page.getByTestId('suppressions-search').fill('complaints-');
    await page.getByTestId('suppressions-reason').selectOption('manual');
    const row = page.getByTestId('suppression-row').filter({ hasText: address });
    await expect(row).toBeVisible();
    await page.screenshot({ path: path.join(artifacts, 'suppression-list.png'), fullPage: true });
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByTestId('suppression-remove').click();
    await expect(page.getByTestId('suppressions-message')).toContainText('removed');
    await expect(page.getByTestId('suppression-row').filter({ hasText: address })).toHaveCount(0);
  });
});
