import { parseArgs } from 'node:util';
import { asc } from 'drizzle-orm';
import { prettifyError, ZodError } from 'zod';
import { parseEnv } from '../config/env';
import { connectDatabase } from '../db/client';
import { createUser, EmailTakenError } from '../db/accounts/create-user';
import { generatePassword } from '../db/accounts/generate-password';
import { workspaces } from '../db/schema';
import { embeddedPostgresUrl } from './services/postgres';

/**
 * `npm run create-admin -- --email ana@example.com --name "Ana Lima"`: the first admin of an
 * install (or a new one later), admin of every workspace that exists. The password comes from
 * ADMIN_PASSWORD, or is generated and printed once. Runs against DATABASE_URL, else the
 * embedded Postgres of a running `npm start`.
 */
const usage =
  'Usage: npm run create-admin -- --email <email> --name "<name>"   (password: ADMIN_PASSWORD or generated)';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
  if (!values.email || !values.name) {
    console.error(`${!values.email ? '--email' : '--name'} is missing.\n${usage}`);
    return 2;
  }
  const env = parseEnv();
  const url = env.DATABASE_URL ?? embeddedPostgresUrl(env.POSTGRES_PORT);
  const given = process.env.ADMIN_PASSWORD;
  const password = given || generatePassword();
  const database = connectDatabase(url, { max: 1 });
  try {
    const all = await database.db
      .select({ id: workspaces.id, name: workspaces.name })
      .from(workspaces)
      .orderBy(asc(workspaces.createdAt));
    if (all.length === 0) {
      console.error(
        'There is no workspace yet. Run "npm start" once (it creates the database and the demo workspace), then try again.',
      );
      return 1;
    }
    await database.db.transaction((tx) =>
      createUser(tx, {
        email: values.email!,
        name: values.name!,
        password,
        memberships: all.map((w) => ({ workspaceId: w.id, role: 'admin' as const })),
      }),
    );
    console.log(
      `Created admin ${values.email!.trim().toLowerCase()} in ${all.map((w) => `"${w.name}"`).join(', ')}.`,
    );
    if (!given) console.log(`Password (shown once; change it after signing in): ${password}`);
    return 0;
  } catch (error) {
    if (error instanceof EmailTakenError) {
      console.error(error.message);
      return 1;
    }
    if (error instanceof ZodError) {
      console.error(`Invalid input:\n${prettifyError(error)}`);
      return 2;
    }
    if (
      error instanceof Error &&
      /ECONNREFUSED/.test(error.message + String((error as { cause?: unknown }).cause))
    ) {
      console.error(
        `Cannot reach Postgres at ${url.replace(/:[^:@/]+@/, ':***@')}. Start "npm start" first, or set DATABASE_URL.`,
      );
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
