import { and, eq, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../../db/client';
import { createUser, emailSchema } from '../../db/accounts/create-user';
import { generatePassword } from '../../db/accounts/generate-password';
import type { WorkspaceRole } from '../../db/accounts/memberships';
import { hashPassword } from '../../db/accounts/password-hash';
import { accounts, sessions, users, workspaceMembers } from '../../db/schema';
import { MemberChangeError } from './member-errors';

/**
 * Every change here runs in one transaction that first locks the workspace's admin
 * memberships: two admins demoting each other at the same moment are serialised, and the
 * second sees that it would leave the workspace without an admin.
 */
async function lockAdmins(tx: Transaction, workspaceId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, 'admin')))
    .for('update');
  return rows.map((r) => r.userId);
}

async function memberRole(tx: Transaction, workspaceId: string, userId: string): Promise<WorkspaceRole> {
  const [row] = await tx
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
  if (!row)
    throw new MemberChangeError('not_member', 'userId', 'This person is not a member of this workspace.');
  return row.role;
}

function refuseLastAdmin(admins: string[], userId: string): void {
  if (admins.length === 1 && admins[0] === userId) {
    throw new MemberChangeError(
      'last_admin',
      'role',
      'This is the only admin of the workspace. Make someone else admin first.',
    );
  }
}

/**
 * Adds a person: a new account with a generated password (returned once, to hand over; they
 * change it after signing in), or, for an email that already has an account (a member of
 * another workspace), just the membership and no password.
 */
export async function addMember(
  db: Database,
  input: { workspaceId: string; email: string; name: string; role: WorkspaceRole },
): Promise<{ userId: string; password: string | null }> {
  const email = emailSchema.parse(input.email);
  return db.transaction(async (tx) => {
    await lockAdmins(tx, input.workspaceId);
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) {
      const inserted = await tx
        .insert(workspaceMembers)
        .values({ workspaceId: input.workspaceId, userId: existing.id, role: input.role })
        .onConflictDoNothing()
        .returning({ userId: workspaceMembers.userId });
      if (inserted.length === 0) {
        throw new MemberChangeError(
          'already_member',
          'email',
          `${email} is already a member of this workspace.`,
        );
      }
      return { userId: existing.id, password: null };
    }
    const password = generatePassword();
    const { userId } = await createUser(tx, {
      email,
      name: input.name,
      password,
      memberships: [{ workspaceId: input.workspaceId, role: input.role }],
    });
    return { userId, password };
  });
}

export async function changeMemberRole(
  db: Database,
  input: { workspaceId: string; userId: string; role: WorkspaceRole },
): Promise<void> {
  await db.transaction(async (tx) => {
    const admins = await lockAdmins(tx, input.workspaceId);
    const current = await memberRole(tx, input.workspaceId, input.userId);
    if (current === 'admin' && input.role !== 'admin') refuseLastAdmin(admins, input.userId);
    await tx
      .update(workspaceMembers)
      .set({ role: input.role })
      .where(
        and(eq(workspaceMembers.workspaceId, input.workspaceId), eq(workspaceMembers.userId, input.userId)),
      );
  });
}

/**
 * Takes a person out of this workspace; their account stays for their other workspaces.
 * Their sessions need no revoking: access is checked against the membership on every
 * request (server/trpc.ts), so the next one is refused. Nobody removes themselves (another
 * admin does), so an admin cannot lock themselves out by a slip.
 */
export async function removeMember(
  db: Database,
  input: { workspaceId: string; userId: string; actorUserId: string },
): Promise<void> {
  if (input.userId === input.actorUserId) {
    throw new MemberChangeError('self_removal', 'userId', 'You cannot remove yourself; ask another admin.');
  }
  await db.transaction(async (tx) => {
    const admins = await lockAdmins(tx, input.workspaceId);
    const current = await memberRole(tx, input.workspaceId, input.userId);
    if (current === 'admin') refuseLastAdmin(admins, input.userId);
    await tx
      .delete(workspaceMembers)
      .where(
        and(eq(workspaceMembers.workspaceId, input.workspaceId), eq(workspaceMembers.userId, input.userId)),
      );
  });
}

/**
 * A new generated password for a member who forgot theirs (returned once), and every one of
 * their sessions ended, so a stolen session dies with the old password. Only by an admin of
 * every workspace the person belongs to: a password opens all of them, and an admin of one
 * brand must not be able to take over someone's access to another.
 */
export async function resetMemberPassword(
  db: Database,
  input: { workspaceId: string; userId: string; actorUserId: string },
): Promise<{ password: string }> {
  const password = generatePassword();
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await memberRole(tx, input.workspaceId, input.userId);
    const [outside] = await tx.execute<{ count: number }>(sql`
      select count(*)::int as count
      from workspace_members target
      where target.user_id = ${input.userId}
        and not exists (
          select 1 from workspace_members actor
          where actor.user_id = ${input.actorUserId}
            and actor.workspace_id = target.workspace_id
            and actor.role = 'admin')`);
    if ((outside?.count ?? 0) > 0) {
      throw new MemberChangeError(
        'not_admin_everywhere',
        'userId',
        'This person also works in workspaces you do not administer. They can change their password themselves, or an admin of all their workspaces can reset it.',
      );
    }
    await tx
      .update(accounts)
      .set({ password: hash, updatedAt: sql`now()` })
      .where(and(eq(accounts.userId, input.userId), eq(accounts.providerId, 'credential')));
    await tx.delete(sessions).where(eq(sessions.userId, input.userId));
  });
  return { password };
}
