import { expect, test } from './fixtures';
import { adminLogin } from './sign-in';

// This spec starts signed out: it is about the way in.
test.use({ storageState: { cookies: [], origins: [] } });

test('a signed-out visitor is sent to sign in, comes back where they were going, and can sign out', async ({
  page,
}) => {
  const login = await adminLogin();
  await page.goto('/customers?search=anna');
  await expect(page).toHaveURL(/\/login\?next=%2Fcustomers%3Fsearch%3Danna$/);

  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toHaveText(
    'That email and password do not match an account.',
  );

  await page.getByLabel('Password').fill(login.password);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(/\/customers\?search=anna$/);
  await expect(page.getByTestId('account-role')).toHaveText('Admin');

  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/login$/);
  // The session is gone on the server too, not only in this tab.
  await page.goto('/journeys');
  await expect(page).toHaveURL(/\/login\?next=%2Fjourneys$/);
});

test('the sign-in page never redirects off the site', async ({ page, baseURL }) => {
  const login = await adminLogin();
  await page.goto('/login?next=//evil.example/steal');
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(new URL('/journeys', baseURL).href);
});
