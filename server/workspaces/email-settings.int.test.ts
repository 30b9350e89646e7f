import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { createTestWorkspace } from '../../scripts/test/fixtures';
import { testCaller } from '../../scripts/test/trpc-caller';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 2 });
});
afterAll(() => handle.close());

const callerFor = (workspaceId: string) => testCaller(handle.db, workspaceId);

describe('workspace email settings', () => {
  it('start with tracking on and no address, save per workspace, and name a bad field', async () => {
    const [mine, other] = [await createTestWorkspace(handle.db), await createTestWorkspace(handle.db)];
    const api = callerFor(mine);
    expect(await api.workspace.emailSettings()).toEqual({ postalAddress: null, emailTracking: true });

    const saved = await api.workspace.saveEmailSettings({
      postalAddress: '  Laden GmbH\r\nHauptstraße 5\r\n80331 München  ',
      emailTracking: false,
    });
    expect(saved).toEqual({
      postalAddress: 'Laden GmbH\nHauptstraße 5\n80331 München',
      emailTracking: false,
    });
    expect(await callerFor(other).workspace.emailSettings()).toEqual({
      postalAddress: null,
      emailTracking: true,
    });

    const error = await api.workspace
      .saveEmailSettings({ postalAddress: 'x'.repeat(301), emailTracking: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    const cause = (error as TRPCError).cause;
    expect(cause instanceof ZodError ? cause.issues.map((i) => i.path.join('.')) : []).toEqual([
      'postalAddress',
    ]);

    expect(
      (await api.workspace.saveEmailSettings({ postalAddress: '', emailTracking: true })).postalAddress,
    ).toBe(null);
  });
});
