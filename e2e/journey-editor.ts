import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Page helpers for the journey editor: how a marketer's hands move, in Playwright terms.
 * They find things by test id, never by their words, so every language can use them.
 */

export async function createJourney(page: Page, name: string): Promise<void> {
  await page.goto('/journeys');
  await page.getByTestId('new-journey').click();
  await page.getByTestId('new-journey-name').fill(name);
  await page.getByTestId('create-journey').click();
  await expect(page).toHaveURL(/\/journeys\/[^/]+$/);
  await expect(page.getByTestId('journey-name')).toHaveText(name);
}

export function canvas(page: Page): Locator {
  return page.getByTestId('journey-canvas');
}

/** Drags a palette item onto the canvas at a point relative to the canvas' top-left corner. */
export async function dropStep(page: Page, type: string, at: { x: number; y: number }): Promise<string> {
  const before = await page.locator(`.react-flow__node-${type}`).count();
  await page.getByTestId(`palette-${type}`).dragTo(canvas(page), { targetPosition: at });
  const nodes = page.locator(`.react-flow__node-${type}`);
  await expect(nodes).toHaveCount(before + 1);
  const id = await nodes.nth(before).getAttribute('data-id');
  if (!id) throw new Error(`the dropped ${type} node has no id`);
  return id;
}

export function node(page: Page, id: string): Locator {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

/** Connects an output handle of one node to the input of another, as a mouse drag. */
export async function connect(page: Page, sourceId: string, output: string, targetId: string): Promise<void> {
  const source = page.locator(
    `.react-flow__handle.source[data-nodeid="${sourceId}"][data-handleid="${output}"]`,
  );
  const target = page.locator(`.react-flow__handle.target[data-nodeid="${targetId}"]`);
  const edges = page.locator('.react-flow__edge');
  const before = await edges.count();
  await expect(source).toHaveCSS('visibility', 'visible');
  await expect(target).toHaveCSS('visibility', 'visible');
  await source.hover();
  await page.mouse.down();
  await target.hover();
  await page.mouse.up();
  await expect(edges).toHaveCount(before + 1);
}

export async function selectStep(page: Page, id: string): Promise<void> {
  // Clicking the header keeps the click off handles and error lists inside the node.
  await node(page, id).locator('.journey-node__head').click();
  await expect(node(page, id)).toHaveClass(/selected/);
}

/** A field of the selected step's settings, by its config name (`points`, `templateId`). */
export function configField(page: Page, name: string): Locator {
  return page.getByTestId(`config-field-${name}`);
}

/** Clicks Publish and waits for the server's answer, whatever it was. */
export async function publish(page: Page): Promise<void> {
  const answered = page.waitForResponse((response) => response.url().includes('journeys.publish'));
  await page.getByTestId('publish-journey').click();
  // The confirmation says what happens to customers already in the journey.
  await expect(page.getByTestId('publish-first').or(page.getByTestId('publish-in-flight'))).toBeVisible();
  await page.getByTestId('publish-confirm').click();
  await answered;
  await expect(page.getByTestId('publish-journey')).toBeEnabled();
}

/** Customers the trigger has entered so far: started now plus already started (e.g. by the schedule). */
export async function enteredCount(page: Page): Promise<number> {
  const started = Number(await page.getByTestId('trigger-started').textContent());
  const already = Number(await page.getByTestId('trigger-already-started').textContent());
  return started + already;
}
