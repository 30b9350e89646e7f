import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type APIRequestContext, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  canvas,
  configField,
  connect,
  createJourney,
  dropStep,
  node,
  publish,
  selectStep,
} from './journey-editor';

const artifacts = path.join('test-results', 'artifacts');
const shopper = { userId: 'shop-7001', name: 'Jana Wolf', email: 'jana.wolf@example.com' };

test.beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
});

/** Sends Segment-shaped messages as a Segment library would: Basic auth with the write key. */
async function sendBatch(request: APIRequestContext, writeKey: string, batch: object[]) {
  const response = await request.post('/api/v1/batch', {
    headers: { Authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
    data: { batch },
  });
  expect(response.status(), await response.text()).toBe(200);
}

async function balanceOf(page: Page, name: string): Promise<string> {
  await page.goto('/customers');
  await page.getByRole('link', { name }).click();
  return (await page.getByTestId('customer-balance').textContent()) ?? '';
}

test('a marketer builds an event-triggered journey that waits for a review, fed by the Segment API', async ({
  page,
  request,
}) => {
  let writeKey = '';
  await test.step('a write key for the shop’s tracking', async () => {
    await page.goto('/settings/api-keys');
    await page.getByTestId('new-api-key-name').fill('Shop tracking');
    await page.getByTestId('new-api-key-kind').selectOption('write');
    await page.getByTestId('create-api-key').click();
    writeKey = await page.getByTestId('created-api-key-value').inputValue();
    expect(writeKey).toMatch(/^wk_/);
  });

  await test.step('build: order ≥ 50 → 2 points per euro → wait for a review → 25 points', async () => {
    await createJourney(page, 'Big order thank-you');
    const trigger = await dropStep(page, 'trigger_event', { x: 320, y: 60 });
    const award = await dropStep(page, 'award_points', { x: 320, y: 220 });
    const wait = await dropStep(page, 'wait_for_event', { x: 320, y: 380 });
    const thanks = await dropStep(page, 'award_points', { x: 200, y: 560 });
    await connect(page, trigger, 'next', award);
    await connect(page, award, 'next', wait);
    await connect(page, wait, 'received', thanks);

    await selectStep(page, trigger);
    await configField(page, 'eventName').fill('Order Completed');
    await configField(page, 'filters-add').click();
    await configField(page, 'filters-0-property').fill('total');
    await configField(page, 'filters-0-operator').selectOption('greater_or_equal');
    await configField(page, 'filters-0-value').fill('50');

    await selectStep(page, award);
    await configField(page, 'amount').selectOption('formula');
    await configField(page, 'formula').fill('floor(event.total) * 2');
    await expect(node(page, award).getByTestId('node-summary')).toContainText('floor(event.total) * 2');

    await selectStep(page, wait);
    await configField(page, 'eventName').fill('Review Written');
    await configField(page, 'timeout-amount').fill('3');
    await configField(page, 'timeout-unit').selectOption('days');

    await selectStep(page, thanks);
    await configField(page, 'points').fill('25');
    await configField(page, 'reason').fill('Thanks for the review');

    await page.getByTestId('journey-settings-toggle').click();
    await page.getByTestId('settings-reentry').selectOption('once');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-save')).toBeDisabled();
    await page.getByTestId('journey-settings-toggle').click();
    await expect(page.getByTestId('journey-settings-summary')).toBeVisible();

    await publish(page);
    await expect(page.getByTestId('journey-status')).toHaveText('Live');
    await canvas(page).screenshot({ path: path.join(artifacts, 'event-journey-canvas.png') });
  });

  await test.step('the shop identifies the customer and tracks orders; a small one does not enter', async () => {
    await sendBatch(request, writeKey, [
      {
        type: 'identify',
        userId: shopper.userId,
        messageId: 'e2e-identify-1',
        traits: { email: shopper.email, firstName: 'Jana', lastName: 'Wolf', timezone: 'Europe/Berlin' },
      },
      {
        type: 'track',
        userId: shopper.userId,
        event: 'Order Completed',
        messageId: 'e2e-order-small',
        properties: { total: 20 },
      },
      {
        type: 'track',
        userId: shopper.userId,
        event: 'Order Completed',
        messageId: 'e2e-order-big',
        properties: { total: 80.5 },
      },
    ]);
    // A client's retry of the same message changes nothing.
    await sendBatch(request, writeKey, [
      {
        type: 'track',
        userId: shopper.userId,
        event: 'Order Completed',
        messageId: 'e2e-order-big',
        properties: { total: 80.5 },
      },
    ]);
    await expect.poll(() => balanceOf(page, shopper.name), { timeout: 60_000 }).toBe('160');
  });

  await test.step('the review reaches the waiting run, which awards the thank-you points', async () => {
    await sendBatch(request, writeKey, [
      {
        type: 'track',
        userId: shopper.userId,
        event: 'Review Written',
        messageId: 'e2e-review-1',
        properties: {},
      },
    ]);
    await expect.poll(() => balanceOf(page, shopper.name), { timeout: 60_000 }).toBe('185');
  });

  await test.step('bad input names the field; a wrong key is refused', async () => {
    const bad = await request.post('/api/v1/batch', {
      headers: { Authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
      data: { batch: [{ type: 'track', userId: shopper.userId, messageId: 'x' }] },
    });
    expect(bad.status()).toBe(400);
    expect(await bad.text()).toContain('batch.0.event');
    const unauthorized = await request.post('/api/v1/track', {
      headers: { Authorization: `Basic ${Buffer.from('wk_wrong:').toString('base64')}` },
      data: { userId: shopper.userId, event: 'Order Completed', messageId: 'y' },
    });
    expect(unauthorized.status()).toBe(401);
  });

  await test.step('pause and resume the journey from its header', async () => {
    await page.goto('/journeys');
    await page.getByRole('link', { name: 'Big order thank-you' }).click();
    await page.getByTestId('pause-journey').click();
    await page.getByTestId('confirm-pause-button').click();
    await expect(page.getByTestId('journey-status')).toHaveText('Paused');
    await page.getByTestId('resume-journey').click();
    await page.getByTestId('confirm-resume-button').click();
    await expect(page.getByTestId('journey-status')).toHaveText('Live');
  });
});
