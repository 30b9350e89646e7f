import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Unique per run, in case the suite runs against a long-lived stack (E2E_BASE_URL).
const suffix = Date.now().toString(36);
const created = `Outlet ${suffix}`;
const renamed = `Outlet Hamburg ${suffix}`;

async function switchWorkspace(page: Page, name: string): Promise<void> {
  await page.getByTestId('workspace-switcher').selectOption({ label: name });
  await expect(page.getByTestId('workspace-switcher').locator('option:checked')).toHaveText(name);
}

test('an agency creates a second workspace, works in it, and switches back', async ({ page }) => {
  await test.step('the demo seed is the current workspace', async () => {
    await page.goto('/journeys');
    await expect(page.getByTestId('workspace-switcher').locator('option:checked')).toHaveText('Demo Shop');
    await page.getByTestId('manage-workspaces').click();
    await expect(page).toHaveURL(/\/workspaces$/);
    const demo = page.getByTestId('workspace-row').filter({ hasText: 'Demo Shop' });
    await expect(demo).toContainText('Current');
    await expect(demo).toContainText('Europe/Berlin');
  });

  await test.step('the server’s validation shows at the field', async () => {
    // Blank once trimmed: the browser lets it through, the server refuses it.
    await page.getByTestId('new-workspace-name').fill('   ');
    await page.getByTestId('create-workspace').click();
    await expect(page.getByTestId('new-workspace-name-error')).toHaveText('enter a value');
  });

  await test.step('create a German-speaking brand in Vienna', async () => {
    await page.getByTestId('new-workspace-name').fill(created);
    await page.getByTestId('new-workspace-locale').selectOption('de');
    await page.getByTestId('new-workspace-zone').selectOption('Europe/Vienna');
    await page.getByTestId('create-workspace').click();
    await expect(page.getByTestId('workspace-created')).toContainText(created);
    const row = page.getByTestId('workspace-row').filter({ hasText: created });
    await expect(row).toContainText('German');
    await expect(row).toContainText('Europe/Vienna');
    await expect(page.getByTestId('new-workspace-name-error')).toHaveCount(0);
  });

  await test.step('rename it inline; too long a name is refused at the field', async () => {
    // While renaming, the name is an input's value, not text: hold on to the row by its id.
    const id = await page
      .getByTestId('workspace-row')
      .filter({ hasText: created })
      .getAttribute('data-workspace-id');
    const row = page.locator(`[data-testid="workspace-row"][data-workspace-id="${id}"]`);
    await row.getByTestId('rename-workspace').click();
    await row.getByTestId('rename-workspace-name').fill('x'.repeat(81));
    await row.getByTestId('rename-workspace-save').click();
    await expect(row.getByTestId('rename-workspace-error')).toHaveText('must have at most 80 characters');
    await row.getByTestId('rename-workspace-name').fill(renamed);
    await row.getByTestId('rename-workspace-save').click();
    await expect(page.getByTestId('workspace-row').filter({ hasText: renamed })).toHaveCount(1);
    await expect(page.getByTestId('workspace-switcher').locator('option', { hasText: renamed })).toHaveCount(
      1,
    );
  });

  await test.step('switch to it: nothing of the demo shop shows', async () => {
    await switchWorkspace(page, renamed);
    await expect(page.getByTestId('workspace-row').filter({ hasText: renamed })).toContainText('Current');
    await page.getByTestId('nav-journeys').click();
    await expect(page.getByTestId('journeys-empty')).toBeVisible();
    await expect(page.getByTestId('journey-table')).toHaveCount(0);
    await page.getByTestId('nav-customers').click();
    await expect(page.getByTestId('customers-empty')).toBeVisible();
    await expect(page.getByTestId('customer-table')).toHaveCount(0);
    await page.getByTestId('nav-inbox').click();
    await expect(page.getByTestId('inbox-empty')).toBeVisible();
    // Survives a reload: the choice is a cookie the server reads.
    await page.reload();
    await expect(page.getByTestId('inbox-empty')).toBeVisible();
  });

  await test.step('switch back: the demo shop’s customers are there again', async () => {
    await page.getByTestId('nav-customers').click();
    await switchWorkspace(page, 'Demo Shop');
    await expect(page.getByTestId('customer-table')).toContainText('Anna Schmidt');
  });
});
