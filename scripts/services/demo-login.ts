import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { asc, sql } from 'drizzle-orm';
import { z } from 'zod';
import { createUser } from '../../db/accounts/create-user';
import { generatePassword } from '../../db/accounts/generate-password';
import type { Database } from '../../db/client';
import { users, workspaces } from '../../db/schema';

export const demoAdminEmail = 'admin@demo-shop.test';
const demoLoginSchema = z.object({ email: z.string(), password: z.string() });
export type DemoLogin = z.infer<typeof demoLoginSchema>;

export function demoLoginFile(dataDir: string): string {
  return path.join(dataDir, 'demo-login.json');
}

/**
 * Development only: an install with no account at all gets a demo admin (admin of every
 * workspace) with a generated password, kept in `<dataDir>/demo-login.json` (mode 0600) so
 * `npm start` can print it each time and the e2e suite can sign in. Once anyone exists,
 * nothing is created; production installs use `npm run create-admin` instead.
 */
export async function ensureDemoAdmin(
  db: Database,
  dataDir: string,
): Promise<{ login: DemoLogin | null; created: boolean }> {
  const [{ count } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  if (count === 0) {
    const login = { email: demoAdminEmail, password: generatePassword() };
    await db.transaction(async (tx) => {
      const all = await tx.select({ id: workspaces.id }).from(workspaces).orderBy(asc(workspaces.createdAt));
      await createUser(tx, {
        ...login,
        name: 'Demo Admin',
        memberships: all.map((w) => ({ workspaceId: w.id, role: 'admin' as const })),
      });
    });
    await writeFile(demoLoginFile(dataDir), `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
    return { login, created: true };
  }
  return { login: await readDemoLogin(dataDir), created: false };
}

export async function readDemoLogin(dataDir: string): Promise<DemoLogin | null> {
  try {
    return demoLoginSchema.parse(JSON.parse(await readFile(demoLoginFile(dataDir), 'utf8')));
  } catch {
    return null;
  }
}
