import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../client';
import { newId } from '../ids';
import { accounts, users, workspaceMembers } from '../schema';
import type { WorkspaceRole } from './memberships';
import { hashPassword } from './password-hash';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('must be an email address, e.g. ana@example.com'));
export const personNameSchema = z
  .string()
  .trim()
  .min(1, 'name must not be empty')
  .max(120, 'name must be at most 120 characters');
/** The same bounds better-auth enforces at sign-in and password change (server/auth/auth.ts). */
export const passwordSchema = z
  .string()
  .min(12, 'password must be at least 12 characters')
  .max(128, 'password must be at most 128 characters');

export class EmailTakenError extends Error {
  override readonly name = 'EmailTakenError';
  readonly field = 'email';
  constructor(email: string) {
    super(`There is already an account for ${email}.`);
  }
}

/**
 * A person who can sign in with email and password, a member of the given workspaces, in
 * one transaction (never an account that exists without its memberships). Rows in the shape
 * better-auth reads: a `credential` account whose id is the user's id.
 */
export async function createUser(
  tx: Executor,
  input: {
    email: string;
    name: string;
    password: string;
    memberships: Array<{ workspaceId: string; role: WorkspaceRole }>;
  },
): Promise<{ userId: string }> {
  const email = emailSchema.parse(input.email);
  const name = personNameSchema.parse(input.name);
  const password = passwordSchema.parse(input.password);
  const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (taken) throw new EmailTakenError(email);
  const userId = newId('usr');
  await tx.insert(users).values({ id: userId, email, name, emailVerified: true });
  await tx.insert(accounts).values({
    id: newId('acc'),
    accountId: userId,
    providerId: 'credential',
    userId,
    password: await hashPassword(password),
  });
  if (input.memberships.length > 0) {
    await tx.insert(workspaceMembers).values(input.memberships.map((m) => ({ ...m, userId })));
  }
  return { userId };
}
