import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { starterTemplates } from '../../emails/starter-templates';
import { createTestWorkspace } from '../../scripts/test/fixtures';
import { testCaller } from '../../scripts/test/trpc-caller';

/** The studio's "New template → copy of a starter" (templates.starters + create with starterKey). */
let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await handle?.close();
});

const callerFor = (workspaceId: string) => testCaller(handle.db, workspaceId);

describe('templates.starters and create from a starter', () => {
  it('lists every starter with its languages', async () => {
    const workspaceId = await createTestWorkspace(handle.db);
    const starters = await callerFor(workspaceId).templates.starters();
    expect(starters.map((s) => s.key)).toEqual(starterTemplates.map((s) => s.key));
    expect(starters.find((s) => s.key === 'birthday')).toMatchObject({
      category: 'marketing',
      topic: 'loyalty',
      locales: ['en', 'de'],
    });
  });

  it('copies the starter with its languages into a new draft under the given name', async () => {
    const workspaceId = await createTestWorkspace(handle.db);
    const caller = callerFor(workspaceId);
    const { id } = await caller.templates.create({ name: 'Birthday 2027', starterKey: 'birthday' });
    const copy = await caller.templates.get({ id });
    const birthday = starterTemplates.find((s) => s.key === 'birthday')!;
    expect(copy).toMatchObject({
      name: 'Birthday 2027',
      category: 'marketing',
      topic: 'loyalty',
      locale: 'en',
      subject: birthday.subject,
      mjml: birthday.mjml,
      liveVersion: null,
      starterKey: null,
    });
    expect(copy.variants.map((v) => [v.locale, v.subject])).toEqual([['de', birthday.variants.de!.subject]]);
  });

  it('refuses an unknown starter on its field, and a taken name writes nothing', async () => {
    const workspaceId = await createTestWorkspace(handle.db);
    const caller = callerFor(workspaceId);
    const unknown = await caller.templates.create({ name: 'X', starterKey: 'nope' }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(TRPCError);
    expect((unknown as TRPCError).code).toBe('BAD_REQUEST');
    expect((unknown as TRPCError).message).toContain('starterKey');

    await caller.templates.create({ name: 'Taken' });
    const before = (await caller.templates.list()).length;
    const clash = await caller.templates
      .create({ name: 'Taken', starterKey: 'welcome' })
      .catch((e: unknown) => e);
    expect((clash as TRPCError).code).toBe('BAD_REQUEST');
    expect((await caller.templates.list()).length).toBe(before);
  });
});
