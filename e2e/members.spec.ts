import { expect, test } from './fixtures';

test('an admin adds a marketer, who signs in with the password shown once and can change it', async ({
  page,
  browser,
}) => {
  const email = `new.marketer.${Date.now().toString(36)}@example.com`;
  await page.goto('/settings/members');
  await page.getByTestId('add-member-email').fill(email);
  await page.getByTestId('add-member-name').fill('Noor Haddad');
  await page.getByTestId('add-member-role').selectOption('marketer');
  await page.getByTestId('add-member').click();
  const password = await page.getByTestId('member-password-value').inputValue();
  expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
  await expect(page.getByTestId('member-row').filter({ hasText: email })).toBeVisible();

  // A fresh browser, as the new person.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const noor = await context.newPage();
  await noor.goto('/login');
  await noor.getByLabel('Email').fill(email);
  await noor.getByLabel('Password').fill(password);
  await noor.getByTestId('login-submit').click();
  await expect(noor.getByTestId('account-role')).toHaveText('Marketer');
  await expect(noor.getByTestId('new-journey')).toBeVisible();
  await noor.goto('/account');
  await noor.getByTestId('current-password').fill(password);
  await noor.getByTestId('new-password').fill('a passphrase of my own');
  await noor.getByTestId('change-password').click();
  await expect(noor.getByTestId('password-changed')).toBeVisible();
  await context.close();

  // The admin sees it all in the audit log.
  await page.goto('/settings/audit');
  await expect(page.getByTestId('audit-action').filter({ hasText: 'members.add' }).first()).toBeVisible();
  await expect(
    page.getByTestId('audit-row').filter({ hasText: email }).filter({ hasText: 'auth.sign_in' }).first(),
  ).toBeVisible();
});
