import { and, asc, eq, max } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { sessions, users, workspaceMembers } from '../../db/schema';

/** The people of a workspace with their role, and when each last signed in (newest session). */
export async function listMembers(db: Executor, workspaceId: string, viewerUserId: string) {
  const lastSignIn = db
    .select({ userId: sessions.userId, at: max(sessions.createdAt).as('at') })
    .from(sessions)
    .groupBy(sessions.userId)
    .as('last_sign_in');
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: workspaceMembers.role,
      addedAt: workspaceMembers.createdAt,
      lastSignInAt: lastSignIn.at,
    })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .leftJoin(lastSignIn, eq(lastSignIn.userId, users.id))
    .where(and(eq(workspaceMembers.workspaceId, workspaceId)))
    .orderBy(asc(users.name), asc(users.email));
  return rows.map((row) => ({ ...row, isYou: row.userId === viewerUserId }));
}
