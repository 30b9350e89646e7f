import { expect, test as base } from '@playwright/test';
import { storageStateFile, type E2eRole } from './sign-in';

/**
 * Every spec imports `test` from here, not from '@playwright/test':
 * - each starts signed in (global setup signed in by API and saved the session), as the
 *   admin unless the spec says `test.use({ role: 'analyst' })`;
 * - a page that breaks the Content-Security-Policy fails its test, so the policy is checked
 *   on every page the suite visits, not only where someone thought of it.
 */
export const test = base.extend<{ role: E2eRole; cspViolations: string[] }>({
  role: ['admin', { option: true }],
  storageState: async ({ role }, use) => {
    await use(storageStateFile(role));
  },
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      context.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
          violations.push(`${message.location().url}: ${message.text()}`);
        }
      });
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
