import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Page } from '@playwright/test';
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

// Seeded by `npm start`, both with their birthday today and marketing consent.
const german = { name: 'Anna Schmidt', firstName: 'Anna', email: 'anna.schmidt@example.com' };
const english = { name: 'Kenji Tanaka', firstName: 'Kenji', email: 'kenji.tanaka@example.com' };
const journeyName = 'Geburtstagsbonus';

test.beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
});

/** The newest inbox message to a customer: the list is newest first and refreshes itself. */
async function openNewestMail(page: Page, email: string, subject: string) {
  await page.getByTestId('nav-inbox').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Posteingang');
  const newest = page.getByTestId('inbox-row').filter({ hasText: email }).first();
  await expect(newest).toContainText(subject, { timeout: 90_000 });
  await newest.getByRole('link').click();
  await expect(page.getByTestId('message-subject')).toContainText(subject);
  return page.frameLocator('[data-testid="email-html"]').locator('body');
}

test('a German marketer builds and runs the birthday journey in German', async ({ page }, testInfo) => {
  await test.step('switch the UI to German in the header; the choice survives a reload', async () => {
    await page.goto('/journeys');
    await expect(page.getByTestId('nav-runs')).toHaveText('Runs');
    // The header is live once the workspace list arrived: a choice made before hydration
    // would change the select without running its handler.
    await expect(page.getByTestId('workspace-switcher')).toBeEnabled();
    await page.getByTestId('language-switch').selectOption('de');
    await expect(page.getByTestId('nav-runs')).toHaveText('Durchläufe');
    await expect(page.getByTestId('nav-customers')).toHaveText('Kunden');
    await expect(page.getByTestId('nav-inbox')).toHaveText('Posteingang');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await page.reload();
    await expect(page.getByTestId('new-journey')).toHaveText('Neue Journey');
    await expect(page.getByTestId('manage-workspaces')).toHaveText('Arbeitsbereiche verwalten');
  });

  await createJourney(page, journeyName);
  await expect(page).toHaveTitle('Journey-Editor · Journeys');

  await test.step('the editor speaks German: palette, buttons, hints', async () => {
    const palette = page.getByTestId('palette');
    await expect(palette).toContainText('Auslöser');
    await expect(page.getByTestId('palette-trigger_birthday')).toHaveText(/Geburtstag$/);
    await expect(page.getByTestId('palette-award_points')).toHaveText(/Punkte vergeben$/);
    await expect(page.getByTestId('palette-send_email')).toHaveText(/E-Mail senden$/);
    await expect(page.getByTestId('save-journey')).toHaveText('Speichern');
    await expect(page.getByTestId('publish-journey')).toHaveText('Veröffentlichen');
    await expect(page.getByTestId('journey-status')).toHaveText('Entwurf');
    await expect(page.getByTestId('journey-live-version')).toHaveText('Noch nicht veröffentlicht');
    await expect(page.getByTestId('config-panel')).toContainText('Schritt-Einstellungen');
  });

  // Further apart than in the English spec: German problem texts make the steps taller.
  const trigger = await dropStep(page, 'trigger_birthday', { x: 320, y: 60 });
  const award = await dropStep(page, 'award_points', { x: 320, y: 320 });
  const email = await dropStep(page, 'send_email', { x: 320, y: 580 });

  await test.step('node texts and publish problems are German', async () => {
    await expect(node(page, trigger).getByTestId('node-summary')).toHaveText(
      'Am Geburtstag · ab 09:00 Uhr Ortszeit',
    );
    await expect(node(page, award).getByTestId('node-summary')).toHaveText(
      '100 Punkte vergeben · verfallen nach 12 Mon.',
    );
    await expect(node(page, email).getByTestId('node-summary')).toHaveText('Nicht konfiguriert');
    await expect(node(page, award).getByTestId('node-label')).toHaveText('Punkte vergeben');

    await selectStep(page, award);
    await expect(page.getByTestId('config-panel')).toContainText('Verfallen nach (Monaten)');
    await configField(page, 'points').fill('0');
    await expect(page.getByTestId('config-error-points')).toHaveText('muss größer als 0 sein');

    // Problems show as the marketer builds; Publish waits until they are fixed.
    await expect(page.getByTestId('publish-journey')).toBeDisabled();
    await expect(page.getByTestId('publish-journey')).toHaveAttribute(
      'title',
      /Probleme müssen behoben werden, bevor diese Journey veröffentlicht werden kann/,
    );
    await expect(node(page, trigger).getByTestId('node-errors')).toHaveText(
      'Der Auslöser führt nirgendwohin; verbinden Sie ihn mit dem ersten Schritt.',
    );
    await expect(node(page, award).getByTestId('node-errors')).toContainText(
      'Punkte: muss größer als 0 sein',
    );
    await expect(node(page, award).getByTestId('node-errors')).toContainText(
      'Dieser Schritt ist nicht mit dem Auslöser verbunden',
    );
    await expect(node(page, email).getByTestId('node-errors')).toContainText('Vorlage: bitte auswählen');
    const problems = page.getByTestId('problems-panel');
    await expect(problems).toContainText(/\d+ Probleme müssen vor dem Veröffentlichen behoben werden/);
    await expect(problems).toContainText('Punkte vergeben: Punkte: muss größer als 0 sein');
    await expect(page.getByTestId('journey-status')).toHaveText('Entwurf');
  });

  await test.step('connect and configure; summaries follow in German', async () => {
    await connect(page, trigger, 'next', award);
    await connect(page, award, 'next', email);
    await selectStep(page, award);
    await configField(page, 'points').fill('1000');
    await expect(node(page, award).getByTestId('node-summary')).toHaveText(
      '1.000 Punkte vergeben · verfallen nach 12 Mon.',
    );
    await configField(page, 'points').fill('100');
    await configField(page, 'expiresInMonths').fill('');
    await expect(node(page, award).getByTestId('node-summary')).toHaveText(
      '100 Punkte vergeben · verfallen nie',
    );
    await configField(page, 'expiresInMonths').fill('12');
    await expect(node(page, award).getByTestId('node-summary')).toHaveText(
      '100 Punkte vergeben · verfallen nach 12 Mon.',
    );

    await selectStep(page, email);
    await expect(page.getByTestId('config-panel')).toContainText('Vorlage');
    await configField(page, 'templateId').selectOption({ label: 'Happy birthday' });
    await expect(node(page, email).getByTestId('node-summary')).toHaveText(
      'E-Mail senden · „Happy birthday“',
    );

    await page.getByTestId('save-journey').click();
    await expect(page.getByTestId('editor-notice')).toHaveText('Entwurf gespeichert.');
  });

  await test.step('publish: the confirmation and the status are German', async () => {
    await publish(page);
    await expect(page.getByTestId('editor-notice')).toHaveText(
      'Version 1 veröffentlicht. Neue Durchläufe verwenden ab jetzt diese Version.',
    );
    await expect(page.getByTestId('journey-status')).toHaveText('Live');
    await expect(page.getByTestId('journey-live-version')).toHaveText('Live-Version v1');
    await expect(page.getByTestId('live-bar')).toContainText('Kunden treten an ihrem Geburtstag');
    await expect(page.getByTestId('node-errors')).toHaveCount(0);

    // Fit the whole journey into view (React Flow's own control) for the screenshot.
    await page.locator('.react-flow__controls-fitview').click();
    const canvasShot = path.join(artifacts, 'canvas-de.png');
    await page.screenshot({ path: canvasShot });
    await testInfo.attach('German canvas', { path: canvasShot, contentType: 'image/png' });
  });

  await test.step('„Auslöser jetzt ausführen“: today’s birthdays enter', async () => {
    const run = page.getByTestId('run-trigger-now');
    await expect(run).toHaveText('▶ Auslöser jetzt ausführen');
    await run.click();
    await expect(page.getByTestId('trigger-result')).toContainText('gestartet', { timeout: 90_000 });
    expect(await enteredCount(page)).toBeGreaterThanOrEqual(3);
  });

  await test.step('the runs of this journey complete, shown in German', async () => {
    await page.getByTestId('nav-runs').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Durchläufe');
    await page.getByTestId('run-journey-filter').selectOption({ label: journeyName });
    for (const customer of [german, english]) {
      const row = page.getByTestId('run-row').filter({ hasText: customer.name });
      await expect(row).toHaveCount(1, { timeout: 60_000 });
      await expect(row.getByTestId('run-status')).toHaveText('Abgeschlossen', { timeout: 60_000 });
    }
  });

  await test.step('Anna (German) receives the German email', async () => {
    // Her run of this journey completed after sending, so her newest mail is from it.
    const body = await openNewestMail(page, german.email, `Alles Gute zum Geburtstag, ${german.firstName}!`);
    await expect(body).toContainText(`Hallo ${german.firstName}`);
    await expect(body).toContainText('Geburtstagspunkte');
    // Her balance: 100 per birthday journey she went through, so not asserted as a total.
    await expect(body).toContainText(/Dein Punktestand beträgt jetzt\s+\d+ Punkte/);
    await expect(page.getByTestId('tab-headers')).toHaveText('Kopfzeilen');

    const emailShot = path.join(artifacts, 'email-de.png');
    await page.screenshot({ path: emailShot, fullPage: true });
    await testInfo.attach('German email', { path: emailShot, contentType: 'image/png' });
  });

  await test.step('Kenji (English) receives the English email', async () => {
    const body = await openNewestMail(page, english.email, `Happy birthday, ${english.firstName}!`);
    await expect(body).toContainText(`Hi ${english.firstName}`);
    await expect(body).toContainText('birthday points');
    await expect(body).not.toContainText('Geburtstag');
  });

  await test.step('customer pages format dates and points for German', async () => {
    await page.getByTestId('nav-customers').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kunden');
    await page.getByRole('link', { name: german.name }).click();
    await expect(page.getByTestId('customer-language')).toHaveText('Deutsch');
    // The profile's list, not the consent card's (the page has both).
    await expect(page.locator('.definition-list').filter({ hasText: 'Kunde seit' })).toContainText(
      /Kunde seit\s*\d{2}\.\d{2}\.\d{4}/,
    );
    await expect(page.getByTestId('ledger-kind').first()).toHaveText('Gutschrift');
  });
});

test.describe('a browser set to German', () => {
  test.use({ locale: 'de-DE' });

  test('gets the German UI without choosing it', async ({ page }) => {
    await page.goto('/journeys');
    await expect(page.getByTestId('new-journey')).toHaveText('Neue Journey');
    await expect(page.getByTestId('language-switch')).toHaveValue('de');
  });
});
