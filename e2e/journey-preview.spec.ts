import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { node } from './journey-editor';
import { trpcMutation } from './trpc-api';

const kenji = { name: 'Kenji Tanaka', firstName: 'Kenji', email: 'kenji.tanaka@example.com' };

/** The balance on the customer's page, as a number (the page formats it by locale). */
async function balanceOf(page: Page, name: string): Promise<number> {
  await page.goto('/customers');
  await page.getByRole('searchbox').fill(name.split(' ')[0]!);
  await page.getByRole('link', { name }).click();
  await expect(page.getByTestId('customer-name')).toHaveText(name);
  return Number((await page.getByTestId('customer-balance').innerText()).replace(/[^\d-]/g, ''));
}

async function inboxCount(page: Page, address: string): Promise<number> {
  await page.goto('/inbox');
  await expect(page.getByTestId('inbox-table').or(page.getByTestId('inbox-empty')).first()).toBeVisible();
  return page.getByTestId('inbox-row').filter({ hasText: address }).count();
}

/** A draft from the gallery's birthday journey (never published: no schedule awards anybody). */
async function birthdayDraft(page: Page): Promise<void> {
  await page.goto('/journeys');
  await page.getByTestId('new-journey').click();
  const card = page.getByTestId('gallery-card').filter({ hasText: 'Birthday bonus with email' });
  await card.getByTestId('use-gallery-birthday_bonus').click();
  await expect(page).toHaveURL(/\/journeys\/[^/]+$/);
  await expect(node(page, 'email').getByTestId('node-summary')).toContainText('Happy birthday');
}

/** Opens the preview on the page's journey and switches to a sample profile in `zone`, with a name and address when given. */
async function openSamplePreview(page: Page, zone: string, person?: { firstName: string; email: string }) {
  await page.getByTestId('open-preview').click();
  const panel = page.getByTestId('preview-panel');
  await panel.getByTestId('preview-mode-sample').check();
  if (person) {
    await panel.getByTestId('preview-sample-first-name').fill(person.firstName);
    await panel.getByTestId('preview-sample-email').fill(person.email);
  }
  await panel.getByTestId('preview-sample-zone').fill(zone);
  return panel;
}

const alex = { firstName: 'Alex', email: 'alex.sample@example.com' };

test('a marketer previews the birthday journey for a real customer: points, email, path, nothing written or sent', async ({
  page,
}) => {
  const balanceBefore = await balanceOf(page, kenji.name);
  const mailsBefore = await inboxCount(page, kenji.email);

  await test.step('open Preview on a gallery draft and pick Kenji', async () => {
    await birthdayDraft(page);
    await page.getByTestId('open-preview').click();
    const panel = page.getByTestId('preview-panel');
    await expect(panel.getByTestId('preview-nothing-written')).toBeVisible();
    await panel.getByTestId('preview-customer-search').fill('Kenji');
    await panel.getByTestId('preview-customer-match').filter({ hasText: kenji.name }).click();
    await expect(panel.getByTestId('preview-chosen-customer')).toHaveText(new RegExp(kenji.name));
    await panel.getByTestId('preview-run').click();
    await expect(panel.getByTestId('preview-result')).toBeVisible();
    await expect(panel.getByTestId('preview-result')).toContainText('Asia/Tokyo');
    // Times read in Kenji's zone, formatted for the viewer (not a raw date string).
    await expect(panel.getByTestId('preview-step-time').first()).toHaveText(
      /^\w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M$/,
    );
  });

  await test.step('step through: the award with the balance after, then the email to Kenji', async () => {
    const panel = page.getByTestId('preview-panel');
    await expect(page.locator('.journey-node--current')).toHaveCount(1);
    await panel.getByTestId('preview-next').click();
    const award = panel.getByTestId('preview-effect-award');
    await expect(award).toContainText('Awards 100 points');
    await expect(award).toContainText(
      `balance after: ${new Intl.NumberFormat('en').format(balanceBefore + 100)}`,
    );
    await expect(page.locator('.react-flow__node[data-id="bonus"] .journey-node--current')).toHaveCount(1);

    await panel.getByTestId('preview-next').click();
    await expect(panel.getByTestId('preview-email-subject')).toContainText(kenji.firstName);
    const body = panel.frameLocator('[data-testid="preview-email-frame"]').locator('body');
    await expect(body).toContainText(kenji.firstName);
    // The path from the trigger through the award to the email, and the connections between.
    await expect(page.locator('.journey-node--on-path')).toHaveCount(3);
    await expect(page.locator('.react-flow__node[data-id="email"] .journey-node--current')).toHaveCount(1);
    await expect(page.locator('.react-flow__edge.journey-edge--on-path')).toHaveCount(2);
    await expect(panel.getByTestId('preview-end')).toBeVisible();
    await expect(panel.getByTestId('preview-next')).toBeDisabled();
    await page.screenshot({ path: test.info().outputPath('preview.png'), fullPage: true });

    await panel.getByTestId('preview-back').click();
    await expect(page.locator('.journey-node--on-path')).toHaveCount(2);
    await panel.getByTestId('preview-close').click();
    await expect(page.locator('.journey-node--on-path')).toHaveCount(0);
  });

  await test.step('nothing was written or sent', async () => {
    expect(await inboxCount(page, kenji.email)).toBe(mailsBefore);
    expect(await balanceOf(page, kenji.name)).toBe(balanceBefore);
  });
});

test('a sample profile without consent shows the email skipped with its reason', async ({ page }) => {
  await birthdayDraft(page);
  const panel = await openSamplePreview(page, 'Europe/Berlin', alex);
  await panel.getByTestId('preview-sample-consent').uncheck();
  await panel.getByTestId('preview-run').click();
  const emailStep = panel
    .getByTestId('preview-step')
    .filter({ has: page.locator('[data-testid="preview-effect-skipped"]') });
  await expect(emailStep).toHaveAttribute('data-step-id', 'email');
  await expect(emailStep.getByTestId('preview-effect-skipped')).toHaveText(
    'Skipped: no consent to marketing emails',
  );
  await expect(panel.getByTestId('preview-email-subject')).toHaveCount(0);
  await emailStep.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('preview-sample.png'), fullPage: true });
});

test.describe('a chosen start', () => {
  // The start is typed in the browser's zone; pinned, so the expected local time does not
  // depend on the machine running the suite.
  test.use({ timezoneId: 'UTC' });

  test('a marketer previews a run starting at a chosen time and reads the steps in the customer’s zone', async ({
    page,
  }) => {
    await birthdayDraft(page);
    const panel = await openSamplePreview(page, 'Europe/Berlin', alex);
    // 10:00 UTC on 1 March 2027 is 11:00 in Berlin.
    await panel.getByTestId('preview-start').fill('2027-03-01T10:00');
    await panel.getByTestId('preview-run').click();
    await expect(panel.getByTestId('preview-result')).toContainText('Europe/Berlin');
    await expect(panel.getByTestId('preview-step-time').first()).toHaveText(/^Mar 1, 2027, 11:00\s?AM$/);
    await expect(panel.getByTestId('preview-step-time').last()).toHaveText(/^Mar 1, 2027, 11:00\s?AM$/);
  });
});

test('a sample profile put in a segment takes the segment’s branch', async ({ page }) => {
  const api = page.request;
  const listed = (await (await api.get('/api/trpc/segments.list')).json()) as {
    result: { data: { json: Array<{ id: string; name: string }> } };
  };
  const gold = listed.result.data.json.find((segment) => segment.name === 'Gold members');
  if (!gold) throw new Error('the demo seed has no "Gold members" segment');
  const { id: journeyId } = await trpcMutation<{ id: string }>(api, 'journeys.create', {
    name: `Gold check ${Date.now().toString(36)}`,
  });
  await trpcMutation(api, 'journeys.saveDraft', {
    id: journeyId,
    graph: {
      nodes: [
        { id: 'trigger', type: 'trigger_manual', position: { x: 0, y: 0 }, data: {} },
        {
          id: 'check',
          type: 'condition',
          position: { x: 0, y: 160 },
          data: { branches: [{ rules: [{ subject: 'segment', operator: 'in', segmentId: gold.id }] }] },
        },
        {
          id: 'gold_bonus',
          type: 'award_points',
          position: { x: -200, y: 320 },
          data: { points: 500, expiresInMonths: null, reason: 'Gold' },
        },
        { id: 'out', type: 'exit', position: { x: 200, y: 320 }, data: {} },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'check' },
        { id: 'e2', source: 'check', sourceHandle: 'branch_1', target: 'gold_bonus' },
        { id: 'e3', source: 'check', sourceHandle: 'otherwise', target: 'out' },
      ],
    },
  });

  await page.goto(`/journeys/${journeyId}`);
  const panel = await openSamplePreview(page, 'Europe/Berlin');
  const steps = panel.getByTestId('preview-step');

  await panel.getByTestId('preview-run').click();
  await expect(steps.last()).toHaveAttribute('data-step-id', 'out');

  await panel.getByTestId('preview-sample-segments').getByLabel('Gold members').check();
  await panel.getByTestId('preview-run').click();
  await expect(steps.last()).toHaveAttribute('data-step-id', 'gold_bonus');
  await expect(panel.getByTestId('preview-effect-award')).toContainText('Awards 500 points');
});
