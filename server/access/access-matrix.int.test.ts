import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseEnv } from '../../config/env';
import { workspaceRoles, type WorkspaceRole } from '../../db/accounts/memberships';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { auditLog } from '../../db/schema';
import { createTestWorkspace } from '../../scripts/test/fixtures';
import { testCaller, testViewer } from '../../scripts/test/trpc-caller';
import { appRouter } from '../routers/_app';
import { createCallerFactory } from '../trpc';
import { workspaceCookie } from '../workspaces/workspace-cookie';
import { rolesFor } from './access-matrix';
import { procedureAccess } from './procedure-access';

let handle: DatabaseHandle;
let workspaceId: string;
beforeAll(async () => {
  handle = connectDatabase(inject('databaseUrl'), { max: 4 });
  workspaceId = await createTestWorkspace(handle.db, 'Access matrix');
});
afterAll(() => handle.close());

const routerPaths = Object.keys(appRouter._def.procedures).sort();

/** Calls `path` with no input: a refused role fails before the input is even read. */
async function codeOf(caller: unknown, path: string): Promise<string> {
  let target: unknown = caller;
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  try {
    await (target as (input?: unknown) => Promise<unknown>)(undefined);
    return 'OK';
  } catch (error) {
    return error instanceof TRPCError ? error.code : 'ERROR';
  }
}

describe('roles × procedures', () => {
  it('classifies every procedure of the router, and nothing else', () => {
    expect(routerPaths).toEqual(Object.keys(procedureAccess).sort());
  });

  it('refuses a signed-out caller everywhere', async () => {
    const anonymous = createCallerFactory(appRouter)({
      db: handle.db,
      env: parseEnv({}),
      headers: new Headers({ cookie: `${workspaceCookie}=${workspaceId}` }),
      temporal: () => Promise.reject(new Error('not needed')),
      viewer: async () => null,
    });
    for (const path of routerPaths) expect(await codeOf(anonymous, path), path).toBe('UNAUTHORIZED');
  });

  it('refuses an account that is not a member of the workspace, except for its own list', async () => {
    const outsider = testCaller(handle.db, workspaceId, { role: 'outsider' });
    for (const path of routerPaths) {
      const code = await codeOf(outsider, path);
      if (procedureAccess[path] === 'signedIn') expect(code, path).not.toMatch(/UNAUTHORIZED|FORBIDDEN/);
      else expect(code, path).toBe('FORBIDDEN');
    }
  });

  it.each(workspaceRoles)('lets %s call exactly what the matrix allows', async (role: WorkspaceRole) => {
    const caller = testCaller(handle.db, workspaceId, { role });
    const wrong: string[] = [];
    for (const path of routerPaths) {
      const allowed = rolesFor[procedureAccess[path]!].includes(role);
      const code = await codeOf(caller, path);
      if (allowed ? code === 'FORBIDDEN' || code === 'UNAUTHORIZED' : code !== 'FORBIDDEN') {
        wrong.push(`${path}: ${code} (${allowed ? 'should be allowed' : 'should be refused'})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names the role and who may, when refusing', async () => {
    const analyst = testCaller(handle.db, workspaceId, { role: 'analyst' });
    await expect(analyst.journeys.publish({ id: 'jr_x' } as never)).rejects.toThrow(
      'Your role in this workspace (analyst) cannot make changes; admin or marketer can.',
    );
  });

  it('writes a successful change to the audit log with its author, and no refused one', async () => {
    const ws = await createTestWorkspace(handle.db, 'Audited');
    const marketer = testCaller(handle.db, ws, { role: 'marketer' });
    const analyst = testCaller(handle.db, ws, { role: 'analyst' });
    await analyst.journeys.create({ name: 'Refused' }).catch(() => undefined);
    await marketer.journeys.create({ name: 'Welcome series' });
    const rows = await handle.db.select().from(auditLog).where(eq(auditLog.workspaceId, ws));
    expect(rows.map((r) => [r.action, r.actorEmail])).toEqual([
      ['journeys.create', `marketer.${ws}@members.test`.toLowerCase()],
    ]);
    expect(rows[0]!.details).toMatchObject({ name: 'Welcome series' });
  });
});

describe('changes from another site', () => {
  it('refuses a mutation whose browser names a foreign Origin, and accepts our own', async () => {
    const ws = await createTestWorkspace(handle.db, 'Origins');
    const env = parseEnv({ APP_URL: 'https://journeys.example.com' });
    const callerFrom = (origin: string) =>
      createCallerFactory(appRouter)({
        db: handle.db,
        env,
        headers: new Headers({ cookie: `${workspaceCookie}=${ws}`, origin }),
        temporal: () => Promise.reject(new Error('not needed')),
        viewer: testViewer(handle.db, ws, 'admin'),
      });
    await expect(callerFrom('https://evil.example').journeys.create({ name: 'Forged' })).rejects.toThrow(
      'Changes are only accepted from https://journeys.example.com.',
    );
    await expect(
      callerFrom('https://journeys.example.com').journeys.create({ name: 'Ours' }),
    ).resolves.toBeDefined();
  });
});
