import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import {
  canvas,
  configField,
  connect,
  createJourney,
  dropStep,
  enteredCount,
  node,
  publish,
  selectStep,
} from './journey-editor';

// Screenshots a person can look at after the run; test-results/ is Playwright's output dir.
const artifacts = path.join('test-results', 'artifacts');

// Seeded by `npm start`: birthday today in Asia/Tokyo, English-speaking, with marketing consent.
// (Anna, the German customer, gets the German email: e2e/german.spec.ts follows her.)
const birthdayCustomer = { name: 'Kenji Tanaka', firstName: 'Kenji', email: 'kenji.tanaka@example.com' };

test.beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
});

test('a marketer builds, publishes and runs a birthday bonus journey', async ({ page }, testInfo) => {
  await createJourney(page, 'Birthday bonus');
  const editorUrl = page.url();

  const trigger = await dropStep(page, 'trigger_birthday', { x: 320, y: 70 });
  const award = await dropStep(page, 'award_points', { x: 320, y: 250 });
  const email = await dropStep(page, 'send_email', { x: 320, y: 430 });

  await test.step('unconnected steps are marked as they are dropped, and Publish waits', async () => {
    await expect(page.getByTestId('publish-journey')).toBeDisabled();
    await expect(node(page, trigger).getByTestId('node-errors')).toContainText('leads nowhere');
    await expect(node(page, award).getByTestId('node-errors')).toContainText('not connected to the trigger');
    await expect(node(page, email).getByTestId('node-errors')).toContainText('Template: choose one');
    await expect(page.getByTestId('problems-panel').getByTestId('problem')).not.toHaveCount(0);
    await expect(page.getByTestId('journey-status')).toHaveText('Draft');
  });

  await test.step('connect and configure the steps', async () => {
    await connect(page, trigger, 'next', award);
    await connect(page, award, 'next', email);
    await expect(page.locator('.react-flow__edge')).toHaveCount(2);

    await selectStep(page, award);
    // The English UI labels the fields as the marketer reads them.
    await page.getByLabel('Points').fill('100');
    await page.getByLabel('Expire after (months)').fill('12');
    await expect(node(page, award).getByTestId('node-summary')).toHaveText('Award 100 pts · expire 12 mo');

    await selectStep(page, email);
    await page.getByLabel('Template').selectOption({ label: 'Happy birthday' });
    await expect(node(page, email).getByTestId('node-summary')).toContainText('Happy birthday');

    await page.getByTestId('save-journey').click();
    await expect(page.getByTestId('editor-notice')).toHaveText('Draft saved.');
    await expect(page.getByTestId('unsaved-changes')).toHaveCount(0);
  });

  await test.step('publish: the journey goes live as version 1', async () => {
    await publish(page);
    await expect(page.getByTestId('editor-notice')).toContainText('Published version 1');
    await expect(page.getByTestId('journey-status')).toHaveText('Live');
    await expect(page.getByTestId('journey-live-version')).toHaveText('Live version v1');
    await expect(page.getByTestId('node-errors')).toHaveCount(0);
    await expect(page.getByTestId('problems-panel')).toHaveCount(0);

    const canvasShot = path.join(artifacts, 'canvas.png');
    await canvas(page).screenshot({ path: canvasShot });
    await testInfo.attach('canvas', { path: canvasShot, contentType: 'image/png' });
  });

  await test.step('run the trigger now: today’s birthdays enter', async () => {
    await page.getByTestId('run-trigger-now').click();
    await expect(page.getByTestId('trigger-result')).toBeVisible({ timeout: 90_000 });
    // Publishing already fires the schedule once, which enters everyone past their local
    // hour; "Run trigger now" starts the rest. Together they cover every birthday today.
    expect(await enteredCount(page)).toBeGreaterThanOrEqual(3);
  });

  await test.step('the birthday email arrives with the name and the points', async () => {
    await page.goto('/inbox');
    // The inbox refreshes itself every few seconds.
    const row = page
      .getByTestId('inbox-row')
      .filter({ hasText: birthdayCustomer.email })
      .filter({ hasText: 'Happy birthday' });
    await expect(row.first()).toBeVisible({ timeout: 90_000 });
    await row.first().getByRole('link').click();

    // Kenji's language is English: the base template, not the German variant.
    await expect(page.getByTestId('message-subject')).toContainText(
      `Happy birthday, ${birthdayCustomer.firstName}!`,
    );
    const body = page.frameLocator('[data-testid="email-html"]').locator('body');
    await expect(body).toContainText(birthdayCustomer.firstName);
    await expect(body).toContainText('100');

    const emailShot = path.join(artifacts, 'email.png');
    await page.screenshot({ path: emailShot, fullPage: true });
    await testInfo.attach('email', { path: emailShot, contentType: 'image/png' });
  });

  await test.step('the run shows as completed for the customer', async () => {
    await page.goto('/runs');
    await page.getByLabel('Journey').selectOption({ label: 'Birthday bonus' });
    // The runs list polls Temporal; the run completes right after its email was sent.
    const run = page.getByTestId('run-row').filter({ hasText: birthdayCustomer.name });
    await expect(run).toHaveCount(1, { timeout: 60_000 });
    await expect(run).toContainText('Birthday bonus');
    await expect(run.getByTestId('run-status')).toHaveText('Completed', { timeout: 60_000 });

    await run.getByTestId('run-customer').click();
    await expect(page.getByTestId('customer-name')).toHaveText(birthdayCustomer.name);
    await expect(page.getByTestId('customer-balance')).toHaveText('100');
    const kinds = page.getByTestId('ledger-entry').getByTestId('ledger-kind');
    await expect(kinds).toHaveText(['Earned']);
    await expect(kinds).toHaveAttribute('data-kind', 'earn');
  });

  await test.step('the live canvas shows how many entered, passed each step and are there now', async () => {
    await page.goto(editorUrl);
    // The runs record their steps as they end; the canvas refreshes its figures every 10 s.
    await expect(node(page, trigger).getByTestId('node-passed')).toHaveText(/^[1-9]\d* entered$/, {
      timeout: 30_000,
    });
    await expect(node(page, award).getByTestId('node-passed')).toHaveText(/^[1-9]\d* passed$/);
    await expect(node(page, email).getByTestId('node-passed')).toHaveText(/^[1-9]\d* passed$/);
    await expect(node(page, award).getByTestId('node-here')).toHaveText('Nobody here');
  });
});

test('a step with an invalid setting shows the problem on that step', async ({ page }) => {
  await createJourney(page, 'Zero points check');
  const trigger = await dropStep(page, 'trigger_birthday', { x: 320, y: 70 });
  const award = await dropStep(page, 'award_points', { x: 320, y: 250 });
  await connect(page, trigger, 'next', award);

  await selectStep(page, award);
  await configField(page, 'points').fill('0');
  await expect(page.getByTestId('config-error-points')).toHaveText('must be greater than 0');
  await expect(page.getByTestId('publish-journey')).toBeDisabled();

  await expect(node(page, award).getByTestId('journey-node-award_points')).toHaveAttribute(
    'data-invalid',
    'true',
  );
  // The English UI names the field and the rule, as the German one does (german.spec.ts).
  await expect(node(page, award).getByTestId('node-errors')).toHaveText('Points: must be greater than 0');
  await expect(node(page, trigger).getByTestId('node-errors')).toHaveCount(0);
  await expect(page.getByTestId('problems-panel')).toContainText(
    'Award points: Points: must be greater than 0',
  );
  await expect(page.getByTestId('journey-status')).toHaveText('Draft');
});
