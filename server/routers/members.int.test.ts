import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { newId } from '../../db/ids';
import { accounts, sessions, users, workspaceMembers } from '../../db/schema';
import { verifyPassword } from '../../db/accounts/password-hash';
import { createTestWorkspace } from '../../scripts/test/fixtures';
import { refusal, testCaller, testMember } from '../../scripts/test/trpc-caller';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 6 });
});
afterAll(() => handle.close());

async function workspace() {
  const workspaceId = await createTestWorkspace(handle.db, 'Members');
  return { workspaceId, admin: testCaller(handle.db, workspaceId, { role: 'admin' }) };
}

describe('members', () => {
  it('adds a new person with a password shown once, lists them, and never logs the password', async () => {
    const { admin } = await workspace();
    const added = await admin.members.add({
      email: ' Ana.Lima@Example.com ',
      name: 'Ana Lima',
      role: 'marketer',
    });
    expect(added.password).toMatch(/^[A-Za-z0-9]{20}$/);
    const [account] = await handle.db.select().from(accounts).where(eq(accounts.userId, added.userId));
    expect(await verifyPassword({ hash: account!.password!, password: added.password! })).toBe(true);
    const list = await admin.members.list();
    expect(list.find((m) => m.email === 'ana.lima@example.com')).toMatchObject({
      name: 'Ana Lima',
      role: 'marketer',
      isYou: false,
      lastSignInAt: null,
    });
    expect(list.find((m) => m.isYou)?.role).toBe('admin');
    const audit = await admin.audit.list({ action: 'members.add' });
    expect(audit.rows).toHaveLength(1);
    expect(JSON.stringify(audit.rows[0]!.details)).not.toContain(added.password!);
    expect(audit.rows[0]!.details).toMatchObject({ email: ' Ana.Lima@Example.com ', role: 'marketer' });
  });

  it('adds an existing account by email without a password, and refuses adding a member twice on the email field', async () => {
    const first = await workspace();
    const second = await workspace();
    const { userId } = await first.admin.members.add({
      email: `both-${first.workspaceId}@example.com`,
      name: 'Both',
      role: 'analyst',
    });
    const again = await second.admin.members.add({
      email: `both-${first.workspaceId}@example.com`,
      name: 'Ignored',
      role: 'marketer',
    });
    expect(again).toEqual({ userId, password: null });
    expect(
      await refusal(
        second.admin.members.add({
          email: `both-${first.workspaceId}@example.com`,
          name: 'x',
          role: 'analyst',
        }),
      ),
    ).toEqual({
      code: 'CONFLICT',
      paths: ['email'],
    });
  });

  it('refuses bad input by field', async () => {
    const { admin } = await workspace();
    expect(
      await refusal(admin.members.add({ email: 'not-an-email', name: '', role: 'owner' as never })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      paths: expect.arrayContaining(['email', 'name', 'role']),
    });
  });

  it('keeps at least one admin, and nobody removes themselves', async () => {
    const { workspaceId, admin } = await workspace();
    const me = await testMember(handle.db, workspaceId, 'admin');
    expect(await refusal(admin.members.changeRole({ userId: me.userId, role: 'analyst' }))).toEqual({
      code: 'PRECONDITION_FAILED',
      paths: ['role'],
    });
    expect(await refusal(admin.members.remove({ userId: me.userId }))).toEqual({
      code: 'PRECONDITION_FAILED',
      paths: ['userId'],
    });
    const other = await admin.members.add({
      email: `other-${workspaceId}@example.com`,
      name: 'Other',
      role: 'admin',
    });
    await admin.members.changeRole({ userId: me.userId, role: 'marketer' });
    const rows = await handle.db
      .select()
      .from(workspaceMembers)
      .where(eq(workspaceMembers.workspaceId, workspaceId));
    expect(rows.filter((r) => r.role === 'admin').map((r) => r.userId)).toEqual([other.userId]);
  });

  it('lets exactly one of two admins demoting each other at the same moment win', async () => {
    const { workspaceId } = await workspace();
    const a = await testMember(handle.db, workspaceId, 'admin');
    const b = newId('usr');
    await handle.db
      .insert((await import('../../db/schema')).users)
      .values({ id: b, name: 'B', email: `${b}@example.com` });
    await handle.db.insert(workspaceMembers).values({ workspaceId, userId: b, role: 'admin' });
    const asA = testCaller(handle.db, workspaceId, { role: 'admin' });
    const asB = testCaller(handle.db, workspaceId, { role: 'admin' });
    const results = await Promise.allSettled([
      asA.members.changeRole({ userId: b, role: 'analyst' }),
      asB.members.changeRole({ userId: a.userId, role: 'analyst' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const admins = await handle.db
      .select()
      .from(workspaceMembers)
      .where(eq(workspaceMembers.workspaceId, workspaceId));
    expect(admins.filter((r) => r.role === 'admin')).toHaveLength(1);
  });

  it('removes a member from this workspace only; their next call is refused', async () => {
    const { workspaceId, admin } = await workspace();
    const gone = await testMember(handle.db, workspaceId, 'marketer');
    await admin.members.remove({ userId: gone.userId });
    const asGone = testCaller(handle.db, workspaceId, { role: 'outsider' });
    expect((await refusal(asGone.journeys.list())).code).toBe('FORBIDDEN');
    expect(await refusal(admin.members.remove({ userId: gone.userId }))).toEqual({
      code: 'NOT_FOUND',
      paths: ['userId'],
    });
  });

  it('resets a password: a new one shown once, every session ended; not for someone who also works where you are not admin', async () => {
    const { workspaceId, admin } = await workspace();
    const { userId } = await admin.members.add({
      email: `forgot-${workspaceId}@example.com`,
      name: 'Forgetful',
      role: 'analyst',
    });
    await handle.db
      .insert(sessions)
      .values({ id: newId('ses'), token: newId('tok'), userId, expiresAt: new Date(Date.now() + 3_600_000) });
    const { password } = await admin.members.resetPassword({ userId });
    const [account] = await handle.db.select().from(accounts).where(eq(accounts.userId, userId));
    expect(await verifyPassword({ hash: account!.password!, password })).toBe(true);
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, userId))).toEqual([]);

    const elsewhere = await createTestWorkspace(handle.db, 'Elsewhere');
    await handle.db.insert(workspaceMembers).values({ workspaceId: elsewhere, userId, role: 'marketer' });
    expect(await refusal(admin.members.resetPassword({ userId }))).toEqual({
      code: 'PRECONDITION_FAILED',
      paths: ['userId'],
    });
  });
});
