import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Screenshots a person can look at after the run; test-results/ is Playwright's output dir.
const artifacts = path.join('test-results', 'artifacts');

// The seeded starter "Happy birthday" (English main language, German variant), version 1 live.
const template = 'Happy birthday';
const copyLine = 'Today is all about you, and we brought a present.';
const addedCopy = 'Surprise! ';
const changedLine = addedCopy + copyLine;
// An `if` without `endif`: a Liquid error on the line it is written on (line 17).
const breakage = '{% if customer.first_name %} ';
const testAddress = 'studio-test@example.com';

test.beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
});

const preview = (page: Page) => page.frameLocator('[data-testid="preview-frame"]').locator('body');
const editorLine = (page: Page, text: string) =>
  page.getByTestId('mjml-editor').locator('.cm-line', { hasText: text });

/**
 * Puts the cursor where the line's text starts. Edits go at the start, not the end: the editor
 * wraps long lines, and End only reaches the end of the first visual line.
 */
async function cursorToTextStart(page: Page, text: string) {
  await editorLine(page, text).click({ position: { x: 2, y: 4 } });
  // Home moves past the indentation.
  await page.keyboard.press('Home');
}

async function shot(page: Page, name: string, testInfo: { attach: (n: string, o: object) => Promise<void> }) {
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

test('a marketer edits, checks, publishes and test-sends the birthday email', async ({ page }, testInfo) => {
  await test.step('open Emails and the birthday template', async () => {
    await page.goto('/journeys');
    await page.getByTestId('nav-emails').click();
    await expect(page.getByTestId('templates-table')).toBeVisible();
    await page.getByTestId('template-search').fill('birthday');
    const row = page.getByTestId('template-row').filter({ hasText: template });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('template-live')).toHaveText('v1 live');
    await row.getByTestId('template-link').click();
    await expect(page.getByTestId('studio-title')).toHaveText(template);
    await expect(editorLine(page, copyLine)).toBeVisible();
    // The first preview uses the sample profile.
    await expect(preview(page)).toContainText(copyLine);
    await expect(page.getByTestId('preview-subject')).toContainText('Happy birthday, Alex!');
  });

  await test.step('change a line of copy: the preview follows', async () => {
    await cursorToTextStart(page, copyLine);
    await page.keyboard.insertText(addedCopy);
    await expect(page.getByTestId('unsaved-changes')).toBeVisible();
    await expect(preview(page)).toContainText(changedLine);
    await expect(page.getByTestId('no-problems')).toHaveText('No problems: the email renders.');
  });

  await test.step('leaving with unsaved changes asks first', async () => {
    const asked = page.waitForEvent('dialog');
    const click = page.getByTestId('nav-inbox').click();
    const dialog = await asked;
    expect(dialog.message()).toContain('unsaved changes');
    await dialog.dismiss();
    await click;
    await expect(page).toHaveURL(/\/emails\//);
    await expect(page.getByTestId('unsaved-changes')).toBeVisible();
  });

  await test.step('a Liquid error is listed with its line and marked in the editor', async () => {
    await cursorToTextStart(page, copyLine);
    await page.keyboard.insertText(breakage);
    const problem = page.getByTestId('problem');
    await expect(problem).toHaveCount(1);
    await expect(problem).toHaveAttribute('data-line', '17');
    await expect(problem).toContainText('line 17');
    await expect(page.getByTestId('mjml-editor').locator('.cm-lintRange-error')).not.toHaveCount(0);
    // The preview keeps the last render that worked, marked as outdated.
    await expect(page.getByTestId('preview-outdated')).toBeVisible();
    await expect(preview(page)).toContainText(changedLine);
    await shot(page, 'studio-error', testInfo);

    // Clicking the problem puts the cursor on that line.
    await page.keyboard.press('Control+Home');
    await problem.click();
    await expect(page.getByTestId('mjml-editor').locator('.cm-activeLine')).toContainText(copyLine);

    // Fix it: the problem goes, the preview renders again.
    // The jump lands at the line's start; Home moves past the indentation to the breakage.
    await page.keyboard.press('Home');
    for (let i = 0; i < breakage.length; i++) await page.keyboard.press('Delete');
    await expect(editorLine(page, copyLine)).toHaveText(new RegExp(`^\\s*${changedLine}$`));
    await expect(page.getByTestId('problem')).toHaveCount(0);
    await expect(page.getByTestId('no-problems')).toBeVisible();
    await expect(page.getByTestId('preview-outdated')).toHaveCount(0);
    await expect(preview(page)).toContainText(changedLine);
  });

  await test.step('save with Ctrl+S', async () => {
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('studio-notice')).toHaveText('Draft saved.');
    await expect(page.getByTestId('unsaved-changes')).toHaveCount(0);
  });

  await test.step('phone width, plain text and a real customer’s data', async () => {
    await page.getByTestId('width-phone').click();
    await expect(page.getByTestId('preview-frame')).toHaveJSProperty('offsetWidth', 375);
    await page.getByTestId('data-picker-search').fill('Kenji');
    await page.getByTestId('data-picker-result').filter({ hasText: 'Kenji Tanaka' }).click();
    await expect(page.getByTestId('data-picker-current')).toHaveText('Kenji Tanaka');
    await expect(page.getByTestId('preview-subject')).toContainText('Happy birthday, Kenji!');
    await expect(preview(page)).toContainText('Hi Kenji');
    await shot(page, 'studio-phone', testInfo);

    await page.getByTestId('tab-text').click();
    await expect(page.getByTestId('preview-text')).toContainText(changedLine);
    await page.getByTestId('tab-preview').click();
    await page.getByTestId('width-desktop').click();
  });

  await test.step('publish version 2, after a confirmation naming it', async () => {
    await page.getByTestId('open-publish').click();
    const dialog = page.getByTestId('publish-dialog');
    await expect(dialog).toContainText('Publish version 2?');
    await expect(dialog.getByTestId('publish-explain')).toContainText(
      'Running journeys send it from their next email on',
    );
    await dialog.getByTestId('publish-by').fill('Mara Marketer');
    await dialog.getByTestId('confirm-publish').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('studio-notice')).toContainText('Published version 2');
    await expect(page.getByTestId('studio-live-version')).toHaveText('Live version v2');
    const rows = page.getByTestId('version-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText('Mara Marketer');
    await expect(rows.first().getByTestId('version-live')).toBeVisible();
    await shot(page, 'studio-published', testInfo);
  });

  await test.step('send a test and find it in the inbox with the new copy', async () => {
    await page.getByTestId('open-test-send').click();
    const dialog = page.getByTestId('test-send-dialog');
    await dialog.getByTestId('test-to').fill(testAddress);
    await dialog.getByTestId('confirm-test-send').click();
    await expect(dialog.getByTestId('test-send-success')).toContainText(`Test email sent to ${testAddress}.`);
    await dialog.getByTestId('test-send-inbox').click();
    await expect(page).toHaveURL(/\/inbox$/);

    const row = page.getByTestId('inbox-row').filter({ hasText: testAddress });
    await expect(row.first()).toBeVisible();
    await expect(row.first()).toContainText('[Test] Happy birthday, Kenji!');
    await row.first().getByRole('link').click();
    await expect(page.getByTestId('message-subject')).toContainText('[Test] Happy birthday, Kenji!');
    const body = page.frameLocator('[data-testid="email-html"]').locator('body');
    await expect(body).toContainText(changedLine);
    await shot(page, 'test-email', testInfo);
  });

  await test.step('the list shows the new live version', async () => {
    await page.getByTestId('nav-emails').click();
    const row = page.getByTestId('template-row').filter({ hasText: template });
    await expect(row.getByTestId('template-live')).toHaveText('v2 live');
  });
});

test('a new template starts as a copy of a starter, not live until published', async ({ page }) => {
  await page.goto('/emails');
  await page.getByTestId('new-template').click();
  await page.getByTestId('new-template-name').fill('Welcome (studio copy)');
  await page.getByTestId('new-template-start').selectOption({ label: 'Copy of “Welcome to the programme”' });
  await page.getByTestId('create-template').click();
  await expect(page.getByTestId('studio-title')).toHaveText('Welcome (studio copy)');
  await expect(page.getByTestId('studio-live-version')).toContainText('Not published yet');
  await expect(page.getByTestId('language-de')).toBeVisible();
  await expect(page.getByTestId('no-versions')).toBeVisible();

  // The German variant is edited on its own tab, with its own preview.
  await page.getByTestId('language-de').click();
  await expect(page.getByTestId('preview-subject')).toContainText('Willkommen');

  // The same name again is refused next to the name field.
  await page.goto('/emails');
  await page.getByTestId('new-template').click();
  await page.getByTestId('new-template-name').fill('Welcome (studio copy)');
  await page.getByTestId('create-template').click();
  await expect(page.getByTestId('new-template-name-error')).toHaveText(
    'Another template already has this name.',
  );
});
