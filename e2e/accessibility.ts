import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * An axe-core scan of what the page shows now (WCAG 2.1 A/AA rules). Serious and critical
 * violations fail the test, each listed with the elements it found; minor and moderate
 * ones are attached to the report for a person to read.
 */
export async function expectNoSeriousA11yViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const describe = (impacts: string[]) =>
    results.violations
      .filter((violation) => impacts.includes(violation.impact ?? ''))
      .map(
        (violation) =>
          `${violation.impact} ${violation.id}: ${violation.help}\n` +
          violation.nodes
            .map((node) => `  ${node.target.join(' ')}: ${node.failureSummary ?? ''}`)
            .join('\n'),
      );
  const minor = describe(['minor', 'moderate']);
  if (minor.length > 0) console.log(`axe (${what}), not failing:\n${minor.join('\n')}`);
  expect(describe(['serious', 'critical']), `serious accessibility violations on ${what}`).toEqual([]);
}
