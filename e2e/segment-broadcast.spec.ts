import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { configField, connect, createJourney, dropStep, publish, selectStep } from './journey-editor';

const artifacts = path.join('test-results', 'artifacts');

test.beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
});

async function balanceOf(page: Page, name: string): Promise<number> {
  await page.goto('/customers');
  await page.getByRole('link', { name }).click();
  return Number((await page.getByTestId('customer-balance').textContent())?.replace(/\D/g, ''));
}

test('a marketer segments Silver-and-up members and broadcasts a bonus journey to them', async ({ page }) => {
  // Aroha is seeded at Gold: she is in the segment whatever the other specs did before.
  const before = await balanceOf(page, 'Aroha Ngata');

  await test.step('a segment with a live preview of who is in it', async () => {
    await page.goto('/segments');
    await page.getByTestId('segment-new').click();
    await page.getByTestId('segment-name').fill('Silver and up');
    await page.getByTestId('segment-rule-0-subject').selectOption('tier');
    await page.getByTestId('segment-rule-0-operator').selectOption('at_least');
    await page.getByTestId('segment-rule-0-tierId').selectOption({ label: 'Silver' });
    await expect(page.getByTestId('segment-preview-count')).toContainText(/[1-9]/);
    await expect(page.getByTestId('segment-preview-members')).toContainText('Aroha');
    await page.screenshot({ path: path.join(artifacts, 'segment-editor.png'), fullPage: true });
    await page.getByTestId('segment-save').click();
    // Saving evaluates it at once: the saved segment's page shows its members.
    await expect(page.getByTestId('segment-status')).toContainText(/[1-9]/);
  });

  await test.step('a manual journey that awards a thank-you bonus', async () => {
    await createJourney(page, 'Thank-you bonus');
    const trigger = await dropStep(page, 'trigger_manual', { x: 320, y: 70 });
    const award = await dropStep(page, 'award_points', { x: 320, y: 250 });
    await connect(page, trigger, 'next', award);
    await selectStep(page, award);
    await configField(page, 'points').fill('10');
    await configField(page, 'reason').fill('Thank you for being with us');
    await publish(page);
    await expect(page.getByTestId('journey-status')).toHaveText('Live');
  });

  await test.step('broadcast it to the segment, confirming how many enter', async () => {
    await page.getByTestId('broadcast-open').click();
    // Options read "Silver and up (2 members)": pick it by its name.
    const option = page.getByTestId('broadcast-segment').locator('option', { hasText: 'Silver and up' });
    await page.getByTestId('broadcast-segment').selectOption((await option.getAttribute('value'))!);
    await page.getByTestId('broadcast-rate').fill('20');
    await page.getByTestId('broadcast-review').click();
    await expect(page.getByTestId('broadcast-confirm-text')).toContainText(/[1-9]/);
    await page.getByTestId('broadcast-send').click();
    const row = page.getByTestId('broadcast-row').first();
    await expect(row.getByTestId('broadcast-status')).toHaveText(/completed|abgeschlossen/i, {
      timeout: 60_000,
    });
    await page.screenshot({ path: path.join(artifacts, 'broadcast.png'), fullPage: true });
  });

  await test.step('members of the segment got the bonus', async () => {
    await expect.poll(() => balanceOf(page, 'Aroha Ngata'), { timeout: 60_000 }).toBe(before + 10);
  });
});
