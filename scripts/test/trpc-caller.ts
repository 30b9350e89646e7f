import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { ZodError } from 'zod';
import { parseEnv } from '../../config/env';
import type { WorkspaceRole } from '../../db/accounts/memberships';
import type { Database } from '../../db/client';
import { users, workspaceMembers } from '../../db/schema';
import type { Viewer } from '../../server/auth/viewer';
import { appRouter } from '../../server/routers/_app';
import type { TemporalHandle } from '../../server/temporal/client';
import { createCallerFactory } from '../../server/trpc';
import { workspaceCookie } from '../../server/workspaces/workspace-cookie';

const createCaller = createCallerFactory(appRouter);

/**
 * The app's tRPC API as a signed-in member of `workspaceId` would call it from the browser
 * (the workspace cookie), over the test database. The member (one per workspace and role,
 * `role` defaulting to admin) is created on the first call, so the real membership and role
 * checks run. `env` sets variables (e.g. `SMTP_URL` of the test's sink). Without a Temporal
 * handle, anything that needs Temporal fails with "Temporal is down", as it would in the app
 * with Temporal unreachable.
 */
export function testCaller(
  db: Database,
  workspaceId: string,
  options: {
    env?: Record<string, string>;
    temporal?: TemporalHandle;
    role?: WorkspaceRole | 'outsider';
  } = {},
) {
  const { temporal } = options;
  let viewer: Promise<Viewer> | undefined;
  return createCaller({
    db,
    env: parseEnv(options.env ?? {}),
    headers: new Headers({ cookie: `${workspaceCookie}=${workspaceId}` }),
    temporal: temporal
      ? () => Promise.resolve(temporal)
      : () => Promise.reject(new Error('Temporal is down (not part of this test)')),
    viewer: () => (viewer ??= testMember(db, workspaceId, options.role ?? 'admin')),
  });
}

/** A person with `role` in the workspace; an `outsider` has an account but no membership there. */
export async function testMember(
  db: Database,
  workspaceId: string,
  role: WorkspaceRole | 'outsider',
): Promise<Viewer> {
  const userId = `usr_test_${role}_${workspaceId}`;
  const email = `${role}.${workspaceId}@members.test`.toLowerCase();
  await db
    .insert(users)
    .values({ id: userId, name: `Test ${role}`, email })
    .onConflictDoNothing();
  if (role !== 'outsider') {
    await db.insert(workspaceMembers).values({ workspaceId, userId, role }).onConflictDoNothing();
  }
  return { userId, email, name: `Test ${role}` };
}

/** A refused call's tRPC code and the input fields it names, as the form reads them. */
export async function refusal(promise: Promise<unknown>): Promise<{ code: string; paths: string[] }> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  return {
    code: trpcError.code,
    paths: trpcError.cause instanceof ZodError ? trpcError.cause.issues.map((i) => i.path.join('.')) : [],
  };
}

/** The `viewer` of a hand-built tRPC context: a member of `workspaceId` with `role`, created on first use. */
export function testViewer(db: Database, workspaceId: string, role: WorkspaceRole | 'outsider' = 'admin') {
  let viewer: Promise<Viewer> | undefined;
  return () => (viewer ??= testMember(db, workspaceId, role));
}
