import { expect, test } from './fixtures';
import { configField, node, publish, selectStep } from './journey-editor';
import { trpcMutation } from './trpc-api';

// The journey this spec publishes: a live birthday journey owns an hourly schedule that
// would award the seeded birthday customers, which other specs count; stopped at the end.
let journeyId: string | null = null;

test.afterEach(async ({ page }) => {
  if (journeyId) await trpcMutation(page.request, 'journeys.stop', { id: journeyId });
  journeyId = null;
});

test('a marketer starts from the gallery, publishes twice and reads the version history', async ({
  page,
}) => {
  // Against a `next dev` stack (E2E_BASE_URL) a route compiles on its first request; the global
  // warm-up does not know this one, so it is loaded here, inside the test's timeout rather than
  // an assertion's.
  await page.request.get('/journeys/warm-up/versions');

  await test.step('create "Birthday bonus with email" from the gallery', async () => {
    await page.goto('/journeys');
    await page.getByTestId('new-journey').click();
    const card = page.getByTestId('gallery-card').filter({ hasText: 'Birthday bonus with email' });
    await expect(card.getByTestId('gallery-steps')).toContainText('Award points');
    await expect(page.getByTestId('gallery-card')).toHaveCount(7);
    await page.screenshot({ path: test.info().outputPath('gallery.png'), fullPage: true });
    await card.getByTestId('use-gallery-birthday_bonus').click();
    await expect(page).toHaveURL(/\/journeys\/[^/]+$/);
    journeyId = new URL(page.url()).pathname.split('/').at(-1) ?? null;
    await expect(page.getByTestId('journey-name')).toHaveText('Birthday bonus with email');
    // The starter template and the program's birthday bonus are filled in: nothing to fix.
    await expect(node(page, 'email').getByTestId('node-summary')).toContainText('Happy birthday');
    await expect(page.getByTestId('publish-journey')).toBeEnabled();
  });

  await test.step('publish v1, change the expiry in the side panel, publish v2', async () => {
    await publish(page);
    await expect(page.getByTestId('journey-live-version')).toHaveText('Live version v1');

    await selectStep(page, 'bonus');
    await configField(page, 'expiresInMonths').fill('6');
    await expect(node(page, 'bonus').getByTestId('node-summary')).toContainText('expire 6 mo');
    await publish(page);
    await expect(page.getByTestId('journey-live-version')).toHaveText('Live version v2');
  });

  await test.step('the history lists both versions with who and what changed', async () => {
    await page.goto(`/journeys/${journeyId}/versions`);
    const rows = page.getByTestId('version-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toHaveAttribute('data-version', '2');
    await expect(rows.nth(1)).toHaveAttribute('data-version', '1');
    for (const row of await rows.all())
      await expect(row.getByTestId('version-publisher')).not.toHaveText('—');
    await expect(rows.nth(0).getByTestId('version-counts')).toHaveText('1 changed');
    await expect(rows.nth(1).getByTestId('version-counts')).toHaveText('First version · 3 steps');

    // The newest version is shown first, with its diff in words.
    const detail = page.getByTestId('version-detail');
    await expect(detail).toHaveAttribute('data-version', '2');
    const changed = detail.getByTestId('diff-changed-step');
    await expect(changed).toHaveCount(1);
    await expect(changed).toContainText('Award points');
    await expect(changed.getByTestId('diff-field')).toHaveText('Expire after (months): 12 → 6');
  });

  await test.step('version 1 opens read-only on its own canvas', async () => {
    await page.getByTestId('view-version-1').click();
    const detail = page.getByTestId('version-detail');
    await expect(detail).toHaveAttribute('data-version', '1');
    const versionCanvas = detail.getByTestId('version-canvas');
    await expect(versionCanvas.locator('.react-flow__node')).toHaveCount(3);
    await expect(
      versionCanvas.locator('.react-flow__node[data-id="bonus"]').getByTestId('node-summary'),
    ).toContainText('expire 12 mo');
    // Nothing on it moves, connects or gets edited: no drag handles, no editor controls.
    await expect(versionCanvas.locator('.react-flow__node.draggable')).toHaveCount(0);
    await expect(page.getByTestId('publish-journey')).toHaveCount(0);
    await expect(page.getByTestId('save-journey')).toHaveCount(0);
  });

  await page.screenshot({ path: test.info().outputPath('versions.png'), fullPage: true });
});
