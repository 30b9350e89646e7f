import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { request } from '@playwright/test';
import { readDemoLogin } from '../scripts/services/demo-login';
import { trpcMutation } from './trpc-api';

export type E2eRole = 'admin' | 'marketer' | 'analyst';

/** The e2e stack's data directory (playwright.config.ts sets DATA_DIR to it). */
export const e2eDataDir = '.data/e2e';

/** Where a role's signed-in browser state (the session cookie) is kept between global setup and the specs. */
export function storageStateFile(role: E2eRole): string {
  return path.join(e2eDataDir, 'auth', `${role}.json`);
}

/**
 * The demo admin that `npm start` created in the e2e stack's fresh data directory, or, against
 * a stack of your own (E2E_BASE_URL), the account in E2E_ADMIN_EMAIL / E2E_ADMIN_PASSWORD.
 */
export async function adminLogin(): Promise<{ email: string; password: string }> {
  const { E2E_ADMIN_EMAIL: email, E2E_ADMIN_PASSWORD: password } = process.env;
  if (email && password) return { email, password };
  const demo = await readDemoLogin(e2eDataDir);
  if (!demo) {
    throw new Error(
      `No demo login in ${e2eDataDir}/demo-login.json. Against your own stack, set E2E_ADMIN_EMAIL and E2E_ADMIN_PASSWORD.`,
    );
  }
  return demo;
}

/**
 * Signs in through the API (no sign-in page clicks: the specs test their own pages, the
 * sign-in page has a spec of its own) and saves the browser state for `role`.
 */
export async function signInAndSave(
  baseURL: string,
  role: E2eRole,
  login: { email: string; password: string },
): Promise<string> {
  const context = await request.newContext({
    baseURL,
    extraHTTPHeaders: { origin: new URL(baseURL).origin },
  });
  try {
    const response = await context.post('/api/auth/sign-in/email', { data: login });
    if (!response.ok()) {
      throw new Error(
        `Signing in as ${login.email} (${role}) failed: HTTP ${response.status()} ${await response.text()}`,
      );
    }
    const file = storageStateFile(role);
    await mkdir(path.dirname(file), { recursive: true });
    await context.storageState({ path: file });
    return file;
  } finally {
    await context.dispose();
  }
}

/**
 * A marketer or analyst for the specs that need one: added by the admin through the app's own
 * members API (the password comes back once, as in the UI), then signed in and saved.
 */
export async function addMemberAndSave(baseURL: string, adminState: string, role: Exclude<E2eRole, 'admin'>) {
  const admin = await request.newContext({ baseURL, storageState: adminState });
  try {
    const email = `${role}.${Date.now().toString(36)}@e2e.test`;
    const name = role === 'analyst' ? 'Ada Analyst' : 'Mia Marketer';
    const added = await trpcMutation<{ password: string | null }>(admin, 'members.add', {
      email,
      name,
      role,
    });
    if (!added.password) throw new Error(`members.add gave no password for the new ${role} ${email}`);
    return await signInAndSave(baseURL, role, { email, password: added.password });
  } finally {
    await admin.dispose();
  }
}
