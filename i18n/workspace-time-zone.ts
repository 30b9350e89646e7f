import 'server-only';
import { eq } from 'drizzle-orm';
import { workspaces } from '../db/schema';
import { getDatabase } from '../server/database';
import { resolveWorkspaceId } from '../server/workspace';

/**
 * The current workspace's zone: what the server formats times in. The browser replaces it
 * with the viewer's own zone once it runs (see app/_i18n/viewer-time-zone.tsx). A page
 * must still render when the database is down, so any failure falls back to UTC.
 */
export async function workspaceTimeZone(headers: Headers): Promise<string> {
  try {
    const db = getDatabase();
    const workspaceId = await resolveWorkspaceId(db, headers);
    const [row] = await db
      .select({ timeZone: workspaces.timeZone })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId));
    return row?.timeZone ?? 'UTC';
  } catch {
    return 'UTC';
  }
}
