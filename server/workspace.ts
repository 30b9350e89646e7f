import { TRPCError } from '@trpc/server';
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { workspaces } from '../db/schema';
import { readCookie, workspaceCookie } from './workspaces/workspace-cookie';

/**
 * The workspace a request works in: the one the switcher stored in the `workspace` cookie
 * if it still exists, otherwise the oldest (the demo seed's). The cookie is only a choice,
 * never trusted as access: it must name an existing workspace. (Per-user membership checks
 * arrive with accounts.)
 */
export async function resolveWorkspaceId(db: Database, headers: Headers): Promise<string> {
  const chosen = readCookie(headers, workspaceCookie);
  if (chosen) {
    const [row] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, chosen));
    if (row) return row.id;
  }
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
