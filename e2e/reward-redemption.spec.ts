import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';

const artifacts = path.join('test-results', 'artifacts');

// Sophie is seeded with orders worth 657 points (Silver) and no journey spec reaches her.
const sophie = { name: 'Sophie Martin', balance: 657 };
const reward = { name: 'Espresso cup', sku: 'CUP-ESP', cost: 400, stock: 3 };
const phone = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true } as const;

test.beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
});

test('a marketer creates a reward, a customer redeems it, the shop accepts the voucher once', async ({
  page,
  browser,
  request,
}) => {
  await test.step('the marketer adds the reward to the catalog', async () => {
    await page.goto('/loyalty/rewards');
    await page.getByTestId('reward-new').click();
    await page.getByTestId('reward-name').fill(reward.name);
    await page.getByTestId('reward-kind').selectOption('free_product');
    // Saving without the product shows the error on that field, nothing is stored.
    await page.getByTestId('reward-points-cost').fill(String(reward.cost));
    await page.getByTestId('reward-save').click();
    await expect(page.getByTestId('reward-form')).toContainText(/product|SKU/i);
    await page.getByTestId('reward-sku').fill(reward.sku);
    await page.getByTestId('reward-stock').fill(String(reward.stock));
    await page.getByTestId('reward-save').click();
    const row = page.getByTestId('reward-row').filter({ hasText: reward.name });
    await expect(row).toBeVisible();
    await expect(row.getByTestId('reward-row-cost')).toContainText('400');
    await expect(row.getByTestId('reward-row-stock')).toContainText('3');
    await page.screenshot({ path: path.join(artifacts, 'reward-catalog.png'), fullPage: true });
  });

  let memberUrl = '';
  await test.step('support creates Sophie’s member link', async () => {
    await page.goto('/customers');
    await page.getByRole('link', { name: sophie.name }).click();
    await expect(page.getByTestId('customer-balance')).toHaveText(String(sophie.balance));
    await page.getByTestId('member-link-create').click();
    memberUrl = await page.getByTestId('member-link-url').inputValue();
    expect(memberUrl).toMatch(/\/member\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  let code = '';
  await test.step('Sophie redeems the reward on her phone', async () => {
    const context = await browser.newContext({ ...phone, locale: 'en-US' });
    const member = await context.newPage();
    await member.goto(memberUrl);
    await expect(member.getByTestId('member-balance')).toHaveText('657');
    await expect(member.getByTestId('member-tier-name')).toHaveText('Silver');
    const offer = member.getByTestId('member-reward').filter({ hasText: reward.name });
    await expect(offer.getByTestId('member-reward-cost')).toContainText('400');
    // The Gold-only VIP evening is listed with the reason she cannot redeem it.
    await expect(
      member.getByTestId('member-reward').filter({ hasText: 'VIP evening' }).getByTestId('member-reward-why'),
    ).toBeVisible();
    await offer.getByTestId('member-reward-redeem').click();
    await offer.getByTestId('member-reward-confirm-button').click();
    const issued = member.getByTestId('member-voucher-code');
    await expect(issued).toHaveText(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    code = (await issued.textContent())!.trim();
    await expect(member.getByTestId('member-balance')).toHaveText('257');
    await member.screenshot({ path: path.join(artifacts, 'member-voucher.png'), fullPage: true });
    await context.close();
  });

  let key = '';
  await test.step('an admin creates a secret API key for the till, shown once', async () => {
    await page.goto('/settings/api-keys');
    await page.getByTestId('new-api-key-name').fill('Till in the flagship store');
    await page.getByTestId('new-api-key-kind').selectOption('secret');
    await page.getByTestId('create-api-key').click();
    key = await page.getByTestId('created-api-key-value').inputValue();
    expect(key).toMatch(/^sk_/);
    await page.getByTestId('created-api-key-done').click();
    await expect(page.getByTestId('created-api-key-value')).toHaveCount(0);
    await expect(
      page.getByTestId('api-key-row').filter({ hasText: 'Till in the flagship store' }),
    ).toBeVisible();
  });

  await test.step('the till validates the voucher, uses it once, and is refused the second time', async () => {
    const headers = { Authorization: `Bearer ${key}` };
    const typed = code.toLowerCase().replaceAll('-', ' ');
    const check = await request.get(`/api/v1/loyalty/vouchers/${encodeURIComponent(typed)}`, { headers });
    expect(check.status()).toBe(200);
    expect(await check.json()).toMatchObject({
      valid: true,
      reward: { name: reward.name, productSku: reward.sku },
    });

    const use = await request.post(`/api/v1/loyalty/vouchers/${code}/redemptions`, {
      headers,
      data: { orderRef: 'TILL-1001' },
    });
    expect(use.status()).toBe(201);
    const again = await request.post(`/api/v1/loyalty/vouchers/${code}/redemptions`, {
      headers,
      data: { orderRef: 'TILL-1002' },
    });
    expect(again.status()).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'voucher_already_redeemed' } });

    const unauthorized = await request.get(`/api/v1/loyalty/vouchers/${code}`);
    expect(unauthorized.status()).toBe(401);
  });

  await test.step('the admin sees the voucher used on Sophie’s page', async () => {
    await page.goto('/customers');
    await page.getByRole('link', { name: sophie.name }).click();
    await expect(page.getByTestId('customer-balance')).toHaveText('257');
    await expect(page.getByText(code)).toBeVisible();
    await page.screenshot({ path: path.join(artifacts, 'customer-vouchers.png'), fullPage: true });
  });
});
