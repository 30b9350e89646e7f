import { TRPCError } from '@trpc/server';
import { asc } from 'drizzle-orm';
import type { Database } from '../db/client';
import { workspaces } from '../db/schema';

/**
 * The workspace every request works in. Until the workspace switcher exists (it will read
 * a cookie from the request headers), this is the oldest workspace: the one the demo seed
 * creates.
 */
export async function resolveWorkspaceId(db: Database, _headers: Headers): Promise<string> {
  const [workspace] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .orderBy(asc(workspaces.createdAt), asc(workspaces.id))
    .limit(1);
  if (!workspace) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'No workspace exists yet. Start the app with "npm start", which seeds the demo workspace.',
    });
  }
  return workspace.id;
}
