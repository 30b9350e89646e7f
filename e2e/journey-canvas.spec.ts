import { expectNoSeriousA11yViolations } from './accessibility';
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

/**
 * The canvas as a marketer uses it: search the palette, drop and connect, insert a step
 * on a connection, configure, undo and redo, copy and paste, see a problem and fix it,
 * tidy up, then the same with the keyboard alone, and publish. Screenshots along the way.
 */

async function nodeBox(page: import('@playwright/test').Page, id: string) {
  const box = await node(page, id).boundingBox();
  if (!box) throw new Error(`step ${id} is not on screen`);
  return box;
}

/** Moves the focus off any field, so editor shortcuts apply to the canvas. */
async function focusCanvas(page: import('@playwright/test').Page) {
  await canvas(page)
    .locator('.react-flow__pane')
    .click({ position: { x: 20, y: 400 } });
}

test('a marketer builds a journey on the canvas with search, insert, undo, paste and layout', async ({
  page,
}) => {
  await createJourney(page, 'Canvas tour');

  await test.step('the palette is grouped and searchable', async () => {
    await page.getByTestId('palette-search').fill('award');
    await expect(page.getByTestId('palette-award_points')).toBeVisible();
    await expect(page.getByTestId('palette-send_email')).toHaveCount(0);
    await page.getByTestId('palette-search').fill('zzz');
    await expect(page.getByTestId('palette-empty')).toBeVisible();
    await page.getByTestId('palette-search').fill('');
    await expect(page.getByTestId('palette-send_email')).toBeVisible();
  });

  const trigger = await dropStep(page, 'trigger_birthday', { x: 380, y: 60 });
  const email = await dropStep(page, 'send_email', { x: 380, y: 260 });

  await test.step('problems are marked as the steps are dropped; Publish waits for them', async () => {
    await expect(node(page, trigger).getByTestId('node-errors')).toContainText('leads nowhere');
    await expect(node(page, email).getByTestId('node-errors')).toContainText('Template: choose one');
    await expect(page.getByTestId('publish-journey')).toBeDisabled();
    await expect(page.getByTestId('problems-panel')).toBeVisible();
  });

  await connect(page, trigger, 'next', email);

  let award = '';
  await test.step('"+" on the connection puts a step there and rewires it', async () => {
    await page.locator('[data-testid^="insert-on-"]').first().click();
    await expect(page.getByTestId('insert-step-dialog')).toBeVisible();
    // Triggers cannot go between two steps.
    await expect(page.getByTestId('insert-trigger_birthday')).toHaveCount(0);
    await page.getByTestId('insert-step-search').fill('award');
    await page.getByTestId('insert-step-search').press('Enter');
    const awards = page.locator('.react-flow__node-award_points');
    await expect(awards).toHaveCount(1);
    award = (await awards.getAttribute('data-id')) ?? '';
    await expect(page.locator('.react-flow__edge')).toHaveCount(2);
    // The new step is selected; the side panel says where it leads.
    await expect(page.getByTestId('connect-next')).toHaveValue(email);
    await selectStep(page, trigger);
    await expect(page.getByTestId('connect-next')).toHaveValue(award);
    // The steps below made room for it.
    expect((await nodeBox(page, award)).y).toBeLessThan((await nodeBox(page, email)).y);
  });

  await test.step('configure, undo and redo', async () => {
    await selectStep(page, award);
    await configField(page, 'points').fill('250');
    await expect(node(page, award).getByTestId('node-summary')).toContainText('Award 250 pts');
    await focusCanvas(page);
    await page.keyboard.press('Control+z');
    await expect(node(page, award).getByTestId('node-summary')).toContainText('Award 100 pts');
    await page.getByTestId('redo').click();
    await expect(node(page, award).getByTestId('node-summary')).toContainText('Award 250 pts');
    await page.getByTestId('undo').click();
    await page.getByTestId('redo').click();
    await expect(node(page, award).getByTestId('node-summary')).toContainText('Award 250 pts');
  });

  await test.step('copy and paste a step; delete the copy with its connections', async () => {
    await selectStep(page, award);
    await page.keyboard.press('Control+c');
    await expect(page.getByTestId('editor-notice')).toContainText('1 step copied');
    await page.keyboard.press('Control+v');
    const awards = page.locator('.react-flow__node-award_points');
    await expect(awards).toHaveCount(2);
    const copy = (await awards.nth(1).getAttribute('data-id')) ?? '';
    await expect(node(page, copy)).toHaveClass(/selected/);
    await expect(node(page, copy).getByTestId('node-summary')).toContainText('Award 250 pts');
    await connect(page, copy, 'next', email);
    await page.keyboard.press('Delete');
    await expect(awards).toHaveCount(1);
    await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  });

  await test.step('fix the marked problem: choose a template', async () => {
    await selectStep(page, email);
    await page.getByLabel('Template').selectOption({ label: 'Happy birthday' });
    // A small picture of the chosen email under the picker.
    await expect(page.getByTestId('template-thumbnail').locator('iframe')).toBeVisible();
    await expect(page.getByTestId('node-errors')).toHaveCount(0);
    await expect(page.getByTestId('problems-panel')).toHaveCount(0);
    await expect(page.getByTestId('publish-journey')).toBeEnabled();
  });

  await test.step('tidy up lays the steps out from top to bottom', async () => {
    // Make a mess first: the email step far to the right, above the award.
    await node(page, email)
      .locator('.journey-node__head')
      .dragTo(canvas(page), {
        targetPosition: { x: 640, y: 110 },
      });
    await page.getByTestId('auto-layout').click();
    await expect
      .poll(async () => {
        const [t, a, e] = [
          await nodeBox(page, trigger),
          await nodeBox(page, award),
          await nodeBox(page, email),
        ];
        return t.y < a.y && a.y < e.y && Math.abs(t.x - e.x) < 5;
      })
      .toBe(true);
    await canvas(page).screenshot({ path: test.info().outputPath('canvas-tidy.png') });
  });

  await test.step('autosave keeps the draft without pressing Save', async () => {
    await expect(page.getByTestId('saved-ago')).toBeVisible({ timeout: 15_000 });
    await page.reload();
    await expect(page.locator('.react-flow__node')).toHaveCount(3);
    await expect(node(page, award).getByTestId('node-summary')).toContainText('Award 250 pts');
  });

  await test.step('leaving with unsaved changes asks first', async () => {
    await selectStep(page, award);
    await configField(page, 'points').fill('300');
    const asked = page.waitForEvent('dialog').then(async (dialog) => {
      const message = dialog.message();
      await dialog.dismiss();
      return message;
    });
    await page.getByRole('link', { name: 'Journeys' }).first().click();
    expect(await asked).toContain('not saved yet');
    await expect(page).toHaveURL(/\/journeys\/[^/]+$/);
  });

  await test.step('the editor has no serious accessibility problems', async () => {
    await expectNoSeriousA11yViolations(page, 'the journey editor');
  });

  await test.step('publish', async () => {
    await publish(page);
    await expect(page.getByTestId('editor-notice')).toContainText('Published version 1');
    await page.screenshot({ path: test.info().outputPath('editor.png'), fullPage: true });
  });

  await test.step('the journey list has no serious accessibility problems', async () => {
    await page.goto('/journeys');
    await expect(page.getByText('Canvas tour')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the journey list');
  });
});

test('the editor works with the keyboard alone: add, select, move, connect and delete', async ({ page }) => {
  await createJourney(page, 'Keyboard only');

  await test.step('add steps from the palette with Enter: each lands below the selected one, connected', async () => {
    await page.getByTestId('palette-search').focus();
    await page.keyboard.type('birthday');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('palette-trigger_birthday')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('.react-flow__node-trigger_birthday')).toHaveCount(1);

    await page.getByTestId('palette-search').fill('');
    await page.getByTestId('palette-award_points').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.react-flow__node-award_points')).toHaveCount(1);
    await expect(page.locator('.react-flow__edge')).toHaveCount(1);
    await page.getByTestId('palette-exit').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  });

  const trigger = (await page.locator('.react-flow__node-trigger_birthday').getAttribute('data-id')) ?? '';
  const award = (await page.locator('.react-flow__node-award_points').getAttribute('data-id')) ?? '';
  const exit = (await page.locator('.react-flow__node-exit').getAttribute('data-id')) ?? '';

  await test.step('select a step with Enter and move it with the arrow keys', async () => {
    await node(page, award).focus();
    await page.keyboard.press('Enter');
    await expect(node(page, award)).toHaveClass(/selected/);
    const before = await nodeBox(page, award);
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await nodeBox(page, award)).x).toBeGreaterThan(before.x + 20);
  });

  await test.step('connect with the side panel: the trigger leads straight to the exit', async () => {
    await node(page, trigger).focus();
    await page.keyboard.press('Enter');
    const leadsTo = page.getByTestId('connect-next');
    await leadsTo.focus();
    await leadsTo.selectOption(exit);
    await expect(leadsTo).toHaveValue(exit);
  });

  await test.step('delete the award step with the Delete key; its connections go with it', async () => {
    await node(page, award).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Delete');
    await expect(page.locator('.react-flow__node-award_points')).toHaveCount(0);
    await expect(page.locator('.react-flow__edge')).toHaveCount(1);
    await expect(page.getByTestId('problems-panel')).toHaveCount(0);
    await expect(page.getByTestId('publish-journey')).toBeEnabled();
  });
  await canvas(page).screenshot({ path: test.info().outputPath('keyboard-only.png') });
});

test('undo right after adding a step and typing in it takes back the typing, then the step', async ({
  page,
}) => {
  await createJourney(page, 'Quick undo');
  await page.getByTestId('palette-search').fill('birthday');
  await page.getByTestId('palette-trigger_birthday').press('Enter');
  await expect(page.locator('.react-flow__node-trigger_birthday')).toHaveCount(1);
  await page.getByTestId('palette-search').fill('');
  await page.getByTestId('palette-award_points').press('Enter');
  const awards = page.locator('.react-flow__node-award_points');
  await expect(awards).toHaveCount(1);
  const award = (await awards.getAttribute('data-id')) ?? '';
  // No pause between adding and typing: the two must still be two steps of the history.
  await configField(page, 'points').fill('250');
  await expect(node(page, award).getByTestId('node-summary')).toContainText('Award 250 pts');
  await focusCanvas(page);
  await page.keyboard.press('Control+z');
  await expect(node(page, award).getByTestId('node-summary')).toContainText('Award 100 pts');
  await page.keyboard.press('Control+z');
  await expect(awards).toHaveCount(0);
  await expect(page.locator('.react-flow__node-trigger_birthday')).toHaveCount(1);
});
