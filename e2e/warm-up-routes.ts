import { readFile } from 'node:fs/promises';
import type { FullConfig } from '@playwright/test';
import { addMemberAndSave, adminLogin, signInAndSave } from './sign-in';

/**
 * Global setup: signs in (the specs start from the saved session, see fixtures.ts), then warms
 * up the routes. The suite's own stack serves a production build, where this only loads each
 * server's first use of a page; against a `next dev` stack (E2E_BASE_URL) each route compiles
 * on its first request, which on a cold, two-core machine can take longer than an assertion
 * waits. Requesting every page once before the specs start moves that cost out of the tests'
 * timeouts.
 */
export default async function warmUpRoutes(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) return;
  const adminState = await signInAndSave(baseURL, 'admin', await adminLogin());
  await addMemberAndSave(baseURL, adminState, 'marketer');
  await addMemberAndSave(baseURL, adminState, 'analyst');
  const state = JSON.parse(await readFile(adminState, 'utf8')) as {
    cookies: Array<{ name: string; value: string }>;
  };
  const cookie = state.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const pages = [
    '/journeys',
    '/journeys/warm-up',
    '/runs',
    '/customers',
    '/customers/warm-up',
    '/inbox',
    '/inbox/warm-up',
    '/workspaces',
    '/segments',
    '/segments/new',
    '/segments/warm-up',
    '/emails',
    '/emails/warm-up',
    '/loyalty/earning',
    '/loyalty/tiers',
    '/loyalty/rewards',
    '/settings/api-keys',
    '/settings/suppressions',
    '/system',
    '/login',
    '/settings/members',
    '/settings/audit',
    '/account',
    '/runs/warm-up',
    // The tRPC route every page calls: compiled here rather than under an open page.
    '/api/trpc/workspace.list',
    // Customer-facing pages; an unknown token renders the "link no longer valid" page.
    '/member/warm-up',
    '/unsubscribe/warm-up',
    '/preferences/warm-up',
  ];
  for (const page of pages) {
    const response = await fetch(new URL(page, baseURL), { headers: { cookie }, redirect: 'manual' });
    if (!response.ok) throw new Error(`Warming up ${page} failed: HTTP ${response.status}`);
  }
}
