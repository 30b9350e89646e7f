import { expect, test as base } from '@playwright/test';
import { storageStateFile, type E2eRole } from './sign-in';

/**
 * Every spec imports `test` from here, not from '@playwright/test': each starts signed in
 * (global setup signed in by API and saved the session), as the admin unless the spec says
 * `test.use({ role: 'analyst' })`.
 */
export const test = base.extend<{ role: E2eRole }>({
  role: ['admin', { option: true }],
  storageState: async ({ role }, use) => {
    await use(storageStateFile(role));
  },
});
export { expect };
