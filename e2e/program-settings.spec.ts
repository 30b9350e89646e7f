import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';

const artifacts = path.join('test-results', 'artifacts');

test.beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
});

test('a marketer tunes the program, and a shop order earns by the new rules', async ({ page, request }) => {
  await test.step('earning: 2 points per euro, shown on an example order before saving', async () => {
    await page.goto('/loyalty/earning');
    await page.getByTestId('points-per-unit').fill('2');
    await page.getByTestId('order-example-amount').fill('50');
    await expect(page.getByTestId('order-example-line')).toContainText('100');
    await page.getByTestId('earning-save').click();
    await expect(page.getByTestId('earning-saved')).toBeVisible();
    await page.screenshot({ path: path.join(artifacts, 'earning-rules.png'), fullPage: true });
  });

  await test.step('tiers: a taken threshold is refused on its field, a new top tier is added', async () => {
    await page.goto('/loyalty/tiers');
    await expect(page.getByTestId('tier-row')).toHaveCount(3);
    await page.getByTestId('tier-new').click();
    await page.getByTestId('tier-name').fill('Platinum');
    await page.getByTestId('tier-threshold').fill('1500');
    await page.getByTestId('tier-multiplier').fill('2');
    await page.getByTestId('tier-save').click();
    await expect(page.getByTestId('tier-threshold-error')).toBeVisible();
    await page.getByTestId('tier-threshold').fill('5000');
    await page.getByTestId('tier-save').click();
    const platinum = page.getByTestId('tier-row').filter({ hasText: 'Platinum' });
    await expect(platinum).toBeVisible();
    await expect(platinum.getByTestId('tier-row-multiplier')).toContainText('2');
    await page.screenshot({ path: path.join(artifacts, 'tiers.png'), fullPage: true });
  });

  let key = '';
  await test.step('a secret key for the shop', async () => {
    await page.goto('/settings/api-keys');
    await page.getByTestId('new-api-key-name').fill('Web shop');
    await page.getByTestId('new-api-key-kind').selectOption('secret');
    await page.getByTestId('create-api-key').click();
    key = await page.getByTestId('created-api-key-value').inputValue();
  });

  await test.step('the shop records an order for a new customer, then refunds half of it', async () => {
    const headers = { Authorization: `Bearer ${key}` };
    const bad = await request.post('/api/v1/loyalty/orders', {
      headers,
      data: { customer: { id: 'shop-9001' }, orderRef: 'WEB-1', amount: -5, currency: 'EUR' },
    });
    expect(bad.status()).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('amount');

    const order = {
      customer: {
        id: 'shop-9001',
        email: 'lena.fischer@example.com',
        firstName: 'Lena',
        lastName: 'Fischer',
      },
      orderRef: 'WEB-1',
      amount: 50_00,
      currency: 'EUR',
    };
    const created = await request.post('/api/v1/loyalty/orders', { headers, data: order });
    expect(created.status()).toBe(201);
    expect(await created.json()).toMatchObject({ pointsEarned: 100, balance: 100, tier: { name: 'Bronze' } });
    // The shop's retry of the same order earns nothing more.
    const retried = await request.post('/api/v1/loyalty/orders', { headers, data: order });
    expect(retried.status()).toBe(200);
    expect(await retried.json()).toMatchObject({ pointsEarned: 100, balance: 100 });

    const refund = await request.post('/api/v1/loyalty/orders/WEB-1/refunds', {
      headers,
      data: { refundAmount: 25_00, refundRef: 'RMA-1' },
    });
    expect(refund.status()).toBe(201);
    expect(await refund.json()).toMatchObject({ pointsTaken: 50 });
  });

  await test.step('the admin sees the new customer with her balance and tier', async () => {
    await page.goto('/customers');
    await page.getByRole('link', { name: 'Lena Fischer' }).click();
    await expect(page.getByTestId('customer-balance')).toHaveText('50');
    await expect(page.getByText('No tier → Bronze')).toBeVisible();
  });
});
