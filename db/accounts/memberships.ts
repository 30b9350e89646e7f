import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { workspaceMembers, workspaces } from '../schema';

export type WorkspaceRole = (typeof workspaceMembers.$inferSelect)['role'];
export const workspaceRoles = ['admin', 'marketer', 'analyst'] as const satisfies readonly WorkspaceRole[];

export interface Membership {
  workspaceId: string;
  role: WorkspaceRole;
}

/**
 * The workspace a person works in: the one their switcher chose (the cookie) if they are a
 * member of it, otherwise their oldest membership. The cookie is only a preference: it can
 * never reach a workspace the person is not a member of.
 */
export async function resolveMembership(
  db: Executor,
  userId: string,
  chosenWorkspaceId: string | undefined,
): Promise<Membership | null> {
  const rows = await db
    .select({ workspaceId: workspaceMembers.workspaceId, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(eq(workspaceMembers.userId, userId))
    .orderBy(asc(workspaces.createdAt), asc(workspaces.id));
  return rows.find((row) => row.workspaceId === chosenWorkspaceId) ?? rows[0] ?? null;
}

export async function membershipIn(
  db: Executor,
  userId: string,
  workspaceId: string,
): Promise<Membership | null> {
  const [row] = await db
    .select({ workspaceId: workspaceMembers.workspaceId, role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.userId, userId), eq(workspaceMembers.workspaceId, workspaceId)));
  return row ?? null;
}
