import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestWorkspace } from '../../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../client';
import { LedgerInputError } from '../ledger/errors';
import { getProgramExpiry } from '../ledger/program';
import { workspaces } from '../schema';
import { defaultEarnRules } from './earn-rules';
import { getProgramSettings, updateProgramSettings, type ProgramSettingsPatch } from './settings';
import { defaultTierSettings } from './tier-settings';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 5 });
});
afterAll(() => handle.close());

describe('program settings', () => {
  it('are the defaults until saved, in the workspace currency', async () => {
    const ws = await createTestWorkspace(handle.db);
    await handle.db.update(workspaces).set({ currency: 'CHF' }).where(eq(workspaces.id, ws));
    expect(await getProgramSettings(handle.db, ws)).toEqual({
      pointsExpiry: { kind: 'never' },
      earnRules: defaultEarnRules,
      tierSettings: defaultTierSettings,
      expiringNoticeDays: 14,
      currency: 'CHF',
    });
  });

  it('save the parts given, keep the others, and feed the ledger’s expiry default', async () => {
    const ws = await createTestWorkspace(handle.db);
    await updateProgramSettings(handle.db, ws, {
      earnRules: { purchase: { pointsPerUnit: 1.5, bonuses: [{ minOrderAmount: 5000, points: 10 }] } },
    });
    const saved = await updateProgramSettings(handle.db, ws, {
      pointsExpiry: { kind: 'months', months: 24 },
      tierSettings: { basis: 'spend', windowMonths: 6, reviewPeriod: 'quarter' },
      expiringNoticeDays: null,
    });
    expect(saved).toMatchObject({
      pointsExpiry: { kind: 'months', months: 24 },
      tierSettings: { basis: 'spend', windowMonths: 6, reviewPeriod: 'quarter' },
      expiringNoticeDays: null,
      earnRules: {
        purchase: {
          enabled: true,
          pointsPerUnit: 1.5,
          rounding: 'floor',
          bonuses: [{ minOrderAmount: 5000, points: 10 }],
        },
        actions: [],
        birthdayBonus: 0,
      },
    });
    expect(await getProgramSettings(handle.db, ws)).toEqual(saved);
    expect(await getProgramExpiry(handle.db, ws)).toEqual({ kind: 'months', months: 24 });
  });

  it('refuse bad values naming the path, saving nothing', async () => {
    const ws = await createTestWorkspace(handle.db);
    const field = async (patch: unknown) => {
      const error = await updateProgramSettings(handle.db, ws, patch as ProgramSettingsPatch).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(LedgerInputError);
      return (error as LedgerInputError).field;
    };
    const purchase = { pointsPerUnit: 1 };
    expect(
      await field({
        earnRules: {
          purchase: {
            ...purchase,
            bonuses: [
              { minOrderAmount: 100, points: 5 },
              { minOrderAmount: 200, points: 0 },
            ],
          },
        },
      }),
    ).toBe('earnRules.purchase.bonuses.1.points');
    expect(
      await field({
        earnRules: {
          purchase: {
            ...purchase,
            bonuses: [
              { minOrderAmount: 100, points: 5 },
              { minOrderAmount: 100, points: 6 },
            ],
          },
        },
      }),
    ).toBe('earnRules.purchase.bonuses.1.minOrderAmount');
    expect(await field({ earnRules: { purchase: { pointsPerUnit: -1 } } })).toBe(
      'earnRules.purchase.pointsPerUnit',
    );
    expect(
      await field({
        earnRules: {
          actions: [
            { action: 'review', points: 1 },
            { action: 'review', points: 2 },
          ],
        },
      }),
    ).toBe('earnRules.actions.1.action');
    expect(await field({ pointsExpiry: { kind: 'months', months: 0 } })).toBe('pointsExpiry.months');
    expect(await field({ tierSettings: { windowMonths: 61 } })).toBe('tierSettings.windowMonths');
    expect(await field({ expiringNoticeDays: 0 })).toBe('expiringNoticeDays');
    expect(await getProgramSettings(handle.db, ws)).toMatchObject({ earnRules: defaultEarnRules });
  });

  it('refuse an unknown workspace', async () => {
    const error = await getProgramSettings(handle.db, 'ws_nope').catch((e: unknown) => e);
    expect((error as LedgerInputError).field).toBe('workspaceId');
  });
});
