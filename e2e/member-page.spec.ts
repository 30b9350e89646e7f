import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, type Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Screenshots a person can look at after the run; test-results/ is Playwright's output dir.
const artifacts = path.join('test-results', 'artifacts');

// Both received a birthday email in the specs before this one (birthday-journey, german).
const english = { firstName: 'Kenji', email: 'kenji.tanaka@example.com', subject: 'Happy birthday, Kenji!' };
const german = {
  firstName: 'Anna',
  email: 'anna.schmidt@example.com',
  subject: 'Alles Gute zum Geburtstag, Anna!',
};

/** A small phone: the member and unsubscribe pages are mostly opened from a mail app. */
const phone = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true } as const;

test.beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
});

/** The links in the newest birthday email to `email`, read from the rendered HTML in the inbox. */
async function linksOfNewestMail(page: Page, email: string, subject: string) {
  await page.goto('/inbox');
  const row = page.getByTestId('inbox-row').filter({ hasText: email }).filter({ hasText: subject });
  await expect(row.first()).toBeVisible({ timeout: 90_000 });
  await row.first().getByRole('link').click();
  await expect(page.getByTestId('message-subject')).toContainText(subject);
  const body = page.frameLocator('[data-testid="email-html"]').locator('body');
  const memberHref = await body.locator('a[href*="/member/"]').first().getAttribute('href');
  const unsubscribeHref = await body.locator('a[href*="/unsubscribe/"]').first().getAttribute('href');
  expect(memberHref).toBeTruthy();
  expect(unsubscribeHref).toBeTruthy();
  return { member: new URL(memberHref!), unsubscribe: new URL(unsubscribeHref!) };
}

async function phonePage(browser: Browser) {
  // English browser: the pages must follow the customer's language, not the viewer's.
  const context = await browser.newContext({ ...phone, locale: 'en-US' });
  return { page: await context.newPage(), close: () => context.close() };
}

/** No marketer chrome, and nothing wider than the phone's screen. */
async function expectCustomerChrome(page: Page) {
  await expect(page.getByTestId('nav-runs')).toHaveCount(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('customers open their member page and unsubscribe from the email links', async ({
  page,
  browser,
}, testInfo) => {
  await test.step('Kenji’s member page, on a phone, in English', async () => {
    const links = await linksOfNewestMail(page, english.email, english.subject);
    // The link carries a signed token, never the bare customer id.
    expect(links.member.pathname).toMatch(/^\/member\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    await expect(
      page.frameLocator('[data-testid="email-html"]').getByRole('link', { name: 'See your points' }),
    ).toHaveAttribute('href', links.member.href);

    const phoneView = await phonePage(browser);
    try {
      const member = phoneView.page;
      await member.goto(links.member.href);
      await expect(member.getByTestId('member-page')).toHaveAttribute('data-locale', 'en');
      await expect(member.getByTestId('member-greeting')).toHaveText('Hi Kenji!');
      await expect(member.getByTestId('member-balance')).toHaveText(/^[1-9][\d,]*$/);
      await expect(member.getByTestId('member-expiring')).toHaveText(
        'None of your points expire in the next 30 days.',
      );
      await expect(member.getByTestId('member-history-row').first()).toBeVisible();
      await expect(member.getByTestId('member-history-kind').first()).toHaveText('Earned');
      // Dates read like "Nov 23, 2026" for English.
      await expect(member.getByTestId('member-history-row').first()).toContainText(
        /[A-Z][a-z]{2} \d{1,2}, \d{4}/,
      );
      await expectCustomerChrome(member);

      const shot = path.join(artifacts, 'member-page.png');
      await member.screenshot({ path: shot, fullPage: true });
      await testInfo.attach('member page (phone)', { path: shot, contentType: 'image/png' });
    } finally {
      await phoneView.close();
    }
  });

  await test.step('a tampered token shows the invalid-link page', async () => {
    const links = await linksOfNewestMail(page, english.email, english.subject);
    const [payload, signature] = links.member.pathname.replace('/member/', '').split('.') as [string, string];
    // Change one character of the payload: the signature no longer matches.
    const tampered = `${payload.slice(0, -1)}${payload.endsWith('A') ? 'B' : 'A'}.${signature}`;
    await page.goto(`/member/${tampered}`);
    await expect(page.getByTestId('invalid-link')).toContainText('This link is no longer valid');
    await expect(page.getByTestId('member-page')).toHaveCount(0);
    // A bare customer id (the old link format) is refused the same way.
    await page.goto('/member/cus_demo_kenji');
    await expect(page.getByTestId('invalid-link')).toBeVisible();
  });

  await test.step('Anna’s member page and unsubscribe, on a phone, in German', async () => {
    const links = await linksOfNewestMail(page, german.email, german.subject);
    const phoneView = await phonePage(browser);
    try {
      const customer = phoneView.page;
      // The browser is English; the page follows Anna's language, not the viewer's.
      await customer.goto(links.member.href);
      await expect(customer.getByTestId('member-page')).toHaveAttribute('data-locale', 'de');
      await expect(customer.getByTestId('member-greeting')).toHaveText('Hallo Anna!');
      await expect(customer.getByTestId('member-balance')).toHaveText(/^[1-9][\d.]*$/);
      await expect(customer.getByTestId('member-expiring')).toHaveText(
        'In den nächsten 30 Tagen verfallen keine deiner Punkte.',
      );
      await expect(customer.getByTestId('member-history-kind').first()).toHaveText('Gutgeschrieben');
      await expect(customer.getByTestId('member-history-row').first()).toContainText(/\d{2}\.\d{2}\.\d{4}/);
      await expectCustomerChrome(customer);

      await customer.goto(links.unsubscribe.href);
      await expect(customer.getByTestId('unsubscribe-page')).toHaveAttribute('data-locale', 'de');
      const confirm = customer.getByTestId('unsubscribe-confirm');
      await expect(confirm).toHaveText('Von Marketing-E-Mails abmelden');
      await expectCustomerChrome(customer);
      await confirm.click();
      await expect(customer.getByTestId('unsubscribe-done')).toContainText('Du bist abgemeldet');

      // Opening the link again, and the RFC 8058 one-click POST, are both harmless repeats.
      await customer.reload();
      await expect(customer.getByTestId('unsubscribe-done')).toContainText('Du bist abgemeldet');
      const token = links.unsubscribe.pathname.replace('/unsubscribe/', '');
      const oneClick = await customer.request.post(
        new URL(`/api/unsubscribe/${token}`, links.unsubscribe).href,
        {
          form: { 'List-Unsubscribe': 'One-Click' },
        },
      );
      expect(oneClick.status()).toBe(200);
      // A member token is not an unsubscribe token.
      const memberToken = links.member.pathname.replace('/member/', '');
      expect(
        (await customer.request.post(new URL(`/api/unsubscribe/${memberToken}`, links.member).href)).status(),
      ).toBe(404);
    } finally {
      await phoneView.close();
    }
  });

  await test.step('the marketer sees Anna’s consent withdrawn', async () => {
    await page.goto('/customers');
    await page.getByRole('link', { name: 'Anna Schmidt' }).click();
    await expect(page.locator('.definition-list dt:has-text("Marketing consent") + dd')).toHaveText('No');
  });
});
