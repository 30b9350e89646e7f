import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import { trpcMutation } from './trpc-api';

const artifacts = path.join('test-results', 'artifacts');
const suffix = Date.now().toString(36);
// A customer of this spec alone, made through the Events API like a shop's website would.
const customer = { userId: `admin-spec-${suffix}`, name: 'Rita Moreno', email: `rita.${suffix}@example.com` };

test('an admin finds a customer’s waiting run, skips its wait, and sees it complete', async ({ page }) => {
  await mkdir(artifacts, { recursive: true });
  const api = page.request;

  // A published "Manual or API" journey: wait 30 days, then award 15 points.
  const { id: journeyId } = await trpcMutation<{ id: string }>(api, 'journeys.create', {
    name: `Slow thank-you ${suffix}`,
  });
  const graph = {
    nodes: [
      { id: 'trigger', type: 'trigger_manual', position: { x: 0, y: 0 }, data: {} },
      {
        id: 'wait',
        type: 'delay',
        position: { x: 0, y: 120 },
        data: { mode: 'duration', duration: { amount: 30, unit: 'days' } },
      },
      {
        id: 'award',
        type: 'award_points',
        position: { x: 0, y: 240 },
        data: { points: 15, expiresInMonths: null, reason: 'Thank you' },
      },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'wait' },
      { id: 'e2', source: 'wait', sourceHandle: 'next', target: 'award' },
    ],
  };
  await trpcMutation(api, 'journeys.saveDraft', { id: journeyId, graph });
  await trpcMutation(api, 'journeys.publish', { id: journeyId, graph });
  const { key: writeKey } = await trpcMutation<{ key: string }>(api, 'apiKeys.create', {
    name: `site ${suffix}`,
    kind: 'write',
  });
  const { key: secretKey } = await trpcMutation<{ key: string }>(api, 'apiKeys.create', {
    name: `crm ${suffix}`,
    kind: 'secret',
  });
  const identified = await api.post('/api/v1/identify', {
    headers: { authorization: `Bearer ${writeKey}` },
    data: {
      userId: customer.userId,
      traits: { name: customer.name, email: customer.email },
      messageId: `id-${suffix}`,
    },
  });
  expect(identified.status()).toBe(200);
  await expect(async () => {
    const enrolled = await api.post(`/api/v1/journeys/${journeyId}/enrolments`, {
      headers: { authorization: `Bearer ${secretKey}` },
      data: { customerId: customer.userId },
    });
    expect(enrolled.status()).toBe(201);
  }).toPass({ timeout: 30_000 });

  // The admin looks for Rita's runs by her email, among everyone's.
  await page.goto('/runs');
  await page.getByTestId('run-customer-filter').fill(customer.email);
  await page.getByTestId('run-step-filter').fill('wait');
  await page.getByTestId('run-filter-apply').click();
  await page.getByTestId('run-status-tab-running').click();
  const row = page.getByTestId('run-row').filter({ hasText: customer.email });
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await expect(row.getByTestId('run-step')).toHaveText('Delay');
  await row.getByTestId('run-inspect').click();

  await expect(page.getByTestId('run-waiting')).toBeVisible();
  await page.screenshot({ path: path.join(artifacts, 'admin-run-waiting.png'), fullPage: true });
  await page.getByTestId('run-skip-wait').click();
  await page.getByTestId('run-skip-confirm').click();

  // The run goes on at once: the points step runs and the run completes.
  await expect(page.getByTestId('run-summary')).toContainText(/completed/i, { timeout: 30_000 });
  await expect(page.getByTestId('run-step-ledger')).toContainText('15');
  await expect(page.getByTestId('run-step-skip')).toBeVisible();
  await page.screenshot({ path: path.join(artifacts, 'admin-run-completed.png'), fullPage: true });
});
