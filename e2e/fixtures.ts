import { expect, test as base } from '@playwright/test';

/**
 * Every spec imports `test` from here, not from '@playwright/test', so that signing in (by API,
 * as the role a spec asks for) happens in one place.
 */
export const test = base;
export { expect };
