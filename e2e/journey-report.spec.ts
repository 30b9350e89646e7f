import { expect, test } from './fixtures';
import { trpcMutation } from './trpc-api';

// Against a `next dev` stack (E2E_BASE_URL), the analytics routes (recharts included) compile
// on their first request; the suite's own stack serves a build.
const firstCompile = { timeout: 120_000 };
const suffix = Date.now().toString(36);
const goalEvent = `report_goal_${suffix}`;
// Customers of this spec alone; the first half do the goal event after their run ended.
const customers = Array.from({ length: 10 }, (_, i) => `journey-report-${suffix}-${i}`);

test('the journey report counts the steps of a split journey and compares its branches', async ({ page }) => {
  test.setTimeout(480_000);
  const api = page.request;

  // A published "Manual or API" journey: a delay until a "renewal" date none of these
  // customers has (so every run skips it, and says why), a random split 40 / 40 with a 20 %
  // holdout, each branch leaving at an exit step, and a goal event.
  const { id: journeyId } = await trpcMutation<{ id: string }>(api, 'journeys.create', {
    name: `Split report ${suffix}`,
  });
  const graph = {
    nodes: [
      { id: 'trigger', type: 'trigger_manual', position: { x: 0, y: 0 }, data: {} },
      {
        id: 'renewal',
        type: 'delay',
        position: { x: 0, y: 160 },
        data: { mode: 'until_date_attribute', attribute: 'renewal', offsetDays: 0, time: '10:00' },
      },
      {
        id: 'split',
        type: 'random_split',
        position: { x: 0, y: 320 },
        data: { shares: [40, 40], holdout: 20 },
      },
      { id: 'exit_a', type: 'exit', position: { x: -300, y: 520 }, data: {} },
      { id: 'exit_b', type: 'exit', position: { x: 300, y: 520 }, data: {} },
    ],
    edges: [
      { id: 'e0', source: 'trigger', sourceHandle: 'next', target: 'renewal' },
      { id: 'e1', source: 'renewal', sourceHandle: 'next', target: 'split' },
      { id: 'e2', source: 'split', sourceHandle: 'branch_1', target: 'exit_a' },
      { id: 'e3', source: 'split', sourceHandle: 'branch_2', target: 'exit_b' },
    ],
  };
  await trpcMutation(api, 'journeys.saveDraft', { id: journeyId, graph });
  await trpcMutation(api, 'journeys.saveSettings', {
    id: journeyId,
    settings: { goal: { eventName: goalEvent, filters: [] } },
  });
  await trpcMutation(api, 'journeys.publish', { id: journeyId, graph });
  const { key: writeKey } = await trpcMutation<{ key: string }>(api, 'apiKeys.create', {
    name: `report site ${suffix}`,
    kind: 'write',
  });
  const { key: secretKey } = await trpcMutation<{ key: string }>(api, 'apiKeys.create', {
    name: `report crm ${suffix}`,
    kind: 'secret',
  });
  const identified = await api.post('/api/v1/batch', {
    headers: { authorization: `Bearer ${writeKey}` },
    data: {
      batch: customers.map((userId) => ({
        type: 'identify',
        userId,
        traits: { email: `${userId}@example.com` },
        messageId: `id-${userId}`,
      })),
    },
  });
  expect(identified.status()).toBe(200);
  for (const customerId of customers) {
    await expect(async () => {
      const enrolled = await api.post(`/api/v1/journeys/${journeyId}/enrolments`, {
        headers: { authorization: `Bearer ${secretKey}` },
        data: { customerId },
      });
      expect(enrolled.status()).toBe(201);
    }).toPass({ timeout: 30_000 });
  }

  await test.step('the list shows the version with its ten entries', async () => {
    await page.goto('/analytics/journeys?days=7', firstCompile);
    await expect(page.getByTestId('tab-analytics-journeys')).toHaveAttribute('aria-current', 'page');
    const row = page.getByTestId('row-journeyVersions').filter({ hasText: `Split report ${suffix}` });
    // Runs record their passes and end within a second or two; the page reads them on reload.
    // Under a loaded CI machine the report itself may take several seconds to answer.
    await expect(async () => {
      await page.reload();
      await expect(row.locator('td').nth(2)).toHaveText('10', { timeout: 20_000 });
    }).toPass({ timeout: 120_000 });
    await row.getByRole('link').click();
  });

  await test.step('the journey report: passes per step, shares adding up to the ten runs', async () => {
    await expect(page).toHaveURL(new RegExp(`/analytics/journeys/${journeyId}\\?days=7&version=1`));
    const steps = page.getByTestId('table-journey-steps');
    await expect(steps).toBeVisible(firstCompile);
    const splitRows = steps.locator('tr[data-testid^="step-row-split-"]');
    await expect(splitRows.first()).toBeVisible();
    const runs = await splitRows.evaluateAll((rows) =>
      rows.map((r) => Number(r.querySelectorAll('td')[3]?.textContent ?? 0)),
    );
    expect(runs.reduce((a, b) => a + b, 0)).toBe(10);
    await expect(steps).toContainText('Random split (split)');
  });

  await test.step('skips by reason: every run went past the delay for want of a date', async () => {
    const skips = page.getByTestId('table-journey-skips');
    await expect(skips).toBeVisible();
    const row = skips.getByTestId('skip-row-renewal');
    await expect(row).toHaveCount(1);
    await expect(row.locator('td')).toHaveText([
      /\(renewal\)$/,
      'No date in the delay’s attribute',
      '10',
      '10',
      /^100\s?%$/,
    ]);
  });

  await test.step('goal events after the runs ended: conversion per branch with intervals and a verdict', async () => {
    const tracked = await api.post('/api/v1/batch', {
      headers: { authorization: `Bearer ${writeKey}` },
      data: {
        batch: customers.slice(0, 5).map((userId) => ({
          type: 'track',
          userId,
          event: goalEvent,
          messageId: `goal-${userId}`,
        })),
      },
    });
    expect(tracked.status()).toBe(200);
    const split = page.getByTestId('report-split-split');
    await expect(async () => {
      await page.reload();
      // The report loads after the page: read its rows once they are there.
      await expect(split.getByTestId('split-row-holdout')).toBeVisible({ timeout: 20_000 });
      const converted = await split
        .locator('tr[data-testid^="split-row-"]')
        .evaluateAll((rows) => rows.map((r) => Number(r.querySelectorAll('td')[2]?.textContent ?? 0)));
      expect(converted.reduce((a, b) => a + b, 0)).toBe(5);
    }).toPass({ timeout: 120_000 });
    await expect(split.getByTestId('split-row-branch_1')).toContainText('Branch 1');
    await expect(split.getByTestId('split-row-holdout')).toBeVisible();
    // The split is random, so which branch the five converts fell in is too: every verdict is
    // one of the four, said in words with its p-value where there is one.
    const verdicts = split.getByTestId('split-verdicts').locator('li');
    await expect(verdicts.first()).toBeVisible();
    for (const verdict of await verdicts.allTextContents())
      expect(verdict).toMatch(
        /converts (better|worse): .* \(p = [\d.]+\)\.$|not enough evidence yet \(p = [\d.]+\)\.$|not enough runs to compare yet\.$/,
      );
    await expect(split.getByTestId('chart-split-split').locator('svg').first()).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('journey-report.png'), fullPage: true });
  });

  await test.step('the canvas shows what each branch took, adding up to the ten runs', async () => {
    await page.goto(`/journeys/${journeyId}`, firstCompile);
    const split = page.getByTestId('journey-node-random_split');
    const taken = split.locator('[data-testid^="output-taken-"]');
    await expect(taken).toHaveCount(3, firstCompile);
    await expect(async () => {
      const counts = (await taken.allTextContents()).map((text) => Number(text.split('·')[0]?.trim()));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(10);
    }).toPass({ timeout: 20_000 });
    for (const text of await taken.allTextContents()) expect(text).toMatch(/^\d+ · \d+\s?%$/);
    await expect(page.getByTestId('journey-node-delay').getByTestId('node-passed')).toHaveText('10 passed');
    // The output labels hang below the node's box: the shot takes them in.
    const box = await split.boundingBox();
    if (box)
      await page.screenshot({
        path: test.info().outputPath('split-node-figures.png'),
        clip: { x: box.x - 40, y: box.y - 10, width: box.width + 80, height: box.height + 70 },
      });
    await page.goBack();
  });

  await test.step('the steps table downloads as CSV', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('csv-journeySteps').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^journeySteps-${journeyId}-v1-.*\\.csv$`));
  });
});
