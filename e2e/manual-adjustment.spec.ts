import path from 'node:path';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Olivia is seeded with no points, and no journey of the other specs reaches her.
const olivia = { name: 'Olivia Brown', email: 'olivia.brown@example.com' };

async function adjust(page: Page, points: number, reason: string) {
  await page.getByTestId('adjust-points').fill(String(points));
  await page.getByTestId('adjust-reason').fill(reason);
  await page.getByTestId('adjust-submit').click();
}

test('an admin corrects a balance by hand, and cannot take more than is there', async ({
  page,
}, testInfo) => {
  await page.goto('/customers');
  await page.getByRole('link', { name: olivia.name }).click();
  await expect(page.getByTestId('customer-name')).toHaveText(olivia.name);
  await expect(page.getByTestId('customer-balance')).toHaveText('0');

  const balance = page.getByTestId('customer-balance');
  const entries = page.getByTestId('ledger-entry');
  const lot = page.getByTestId('lot-row');

  await test.step('+250 with a reason credits an open lot', async () => {
    await adjust(page, 250, 'Goodwill after a late delivery');
    await expect(balance).toHaveText('250');
    await expect(page.getByTestId('adjust-notice')).toContainText('The balance is now 250');
    await expect(entries).toHaveCount(1);
    await expect(entries.first().getByTestId('ledger-kind')).toHaveAttribute('data-kind', 'adjust');
    await expect(entries.first()).toContainText('Goodwill after a late delivery');
    await expect(lot).toHaveCount(1);
    await expect(lot.getByTestId('lot-earned')).toHaveText('250');
    await expect(lot.getByTestId('lot-remaining')).toHaveText('250');
    await expect(lot.getByTestId('lot-status')).toHaveAttribute('data-status', 'open');
  });

  await test.step('−1000 is refused after the confirmation, and nothing changes', async () => {
    // The confirm dialog blocks the click until it is answered, so it is answered from the handler.
    const questions: string[] = [];
    page.once('dialog', (dialog) => {
      questions.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.accept();
    });
    await adjust(page, -1000, 'Too much');
    await expect(page.getByTestId('adjust-error')).toHaveText('The balance is 250; 1,000 cannot be taken.');
    await expect(balance).toHaveText('250');
    await expect(entries).toHaveCount(1);
    await expect(lot.getByTestId('lot-remaining')).toHaveText('250');
    expect(questions).toEqual([expect.stringMatching(/^confirm: Take 1,000 points/)]);
  });

  await test.step('−50 takes the points from the lot', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await adjust(page, -50, 'Double credit');
    await expect(balance).toHaveText('200');
    await expect(page.getByTestId('adjust-error')).toHaveCount(0);
    await expect(entries).toHaveCount(2);
    await expect(entries.first()).toContainText('Double credit');
    await expect(lot.getByTestId('lot-earned')).toHaveText('250');
    await expect(lot.getByTestId('lot-remaining')).toHaveText('200');
    await expect(lot.getByTestId('lot-status')).toHaveAttribute('data-status', 'open');
  });

  await page.screenshot({ path: testInfo.outputPath('manual-adjustment.png'), fullPage: true });
  await page.screenshot({
    path: path.join('test-results', 'artifacts', 'manual-adjustment.png'),
    fullPage: true,
  });
});
