import { expect, test } from './fixtures';

// Signed in as the analyst that global setup added through the members API.
test.use({ role: 'analyst' });

test('an analyst sees journeys and runs but no publish or run actions', async ({ page }) => {
  await page.goto('/journeys');
  await expect(page.getByTestId('account-role')).toHaveText('Analyst');
  await expect(page.getByTestId('journey-table').or(page.getByTestId('journeys-empty'))).toBeVisible();
  await expect(page.getByTestId('new-journey')).toHaveCount(0);

  // A journey published by the other specs (or any): open it read-only.
  const first = page.getByTestId('journey-row').first();
  if (await first.count()) {
    await first.getByRole('link').click();
    await expect(page.getByTestId('journey-view-only')).toBeVisible();
    await expect(page.getByTestId('publish-journey')).toHaveCount(0);
    await expect(page.getByTestId('save-journey')).toHaveCount(0);
  }

  await page.goto('/runs');
  const run = page.getByTestId('run-row').first();
  await expect(run).toBeVisible();
  await run.getByTestId('run-inspect').click();
  await expect(page.getByTestId('run-summary')).toBeVisible();
  for (const action of ['run-cancel', 'run-skip-wait', 'run-send-event']) {
    await expect(page.getByTestId(action)).toHaveCount(0);
  }

  // Elsewhere too, nothing that would only answer "your role cannot…".
  await page.goto('/segments');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('segment-new')).toHaveCount(0);
  await page.goto('/emails');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('new-template')).toHaveCount(0);
  await page.goto('/loyalty/rewards');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('reward-new')).toHaveCount(0);
  await page.goto('/customers');
  await page.getByRole('link', { name: 'Kenji Tanaka' }).click();
  await expect(page.getByTestId('customer-balance')).toBeVisible();
  await expect(page.getByTestId('adjust-form')).toHaveCount(0);

  // Admin-only pages say so instead of failing.
  await page.goto('/settings/api-keys');
  await expect(page.getByTestId('api-keys-admins-only')).toBeVisible();
  await page.goto('/settings/members');
  await expect(page.getByTestId('members-admins-only')).toBeVisible();
  await page.goto('/settings/audit');
  await expect(page.getByTestId('audit-admins-only')).toBeVisible();
});
