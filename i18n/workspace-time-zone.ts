import 'server-only';
import { eq } from 'drizzle-orm';
import { resolveMembership } from '../db/accounts/memberships';
import { workspaces } from '../db/schema';
import { getAuth } from '../server/auth/app-auth';
import { viewerFromHeaders } from '../server/auth/viewer';
import { getDatabase } from '../server/database';
import { readCookie, workspaceCookie } from '../server/workspaces/workspace-cookie';

/**
 * The viewer's current workspace's zone: what the server formats times in. The browser
 * replaces it with the viewer's own zone once it runs (see app/_i18n/viewer-time-zone.tsx).
 * Signed out (the sign-in page, customer pages) it is UTC. A page must still render when
 * the database is down, so any failure falls back to UTC.
 */
export async function workspaceTimeZone(headers: Headers): Promise<string> {
  try {
    const viewer = await viewerFromHeaders(getAuth(), headers);
    if (!viewer) return 'UTC';
    const db = getDatabase();
    const membership = await resolveMembership(db, viewer.userId, readCookie(headers, workspaceCookie));
    if (!membership) return 'UTC';
    const [row] = await db
      .select({ timeZone: workspaces.timeZone })
      .from(workspaces)
      .where(eq(workspaces.id, membership.workspaceId));
    return row?.timeZone ?? 'UTC';
  } catch {
    return 'UTC';
  }
}
