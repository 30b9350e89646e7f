import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { refreshRollups } from '../../db/analytics/refresh-rollups';
import { createKnownDataset, type KnownDataset } from '../../db/analytics/testing/known-dataset';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { refusal, testCaller } from '../../scripts/test/trpc-caller';

let handle: DatabaseHandle;
let data: KnownDataset;
const november = { from: '2026-11-01', to: '2026-11-30' };

beforeAll(async () => {
  handle = connectDatabase(inject('databaseUrl'), { max: 4 });
  data = await createKnownDataset(handle.db);
  await refreshRollups(handle.db, data.workspaceId);
});
afterAll(() => handle.close());

describe('analytics router', () => {
  it('serves the overview with the refresh time and previous period', async () => {
    const api = testCaller(handle.db, data.workspaceId);
    const overview = await api.analytics.overview(november);
    expect(overview.refreshedAt).toBeInstanceOf(Date);
    expect(overview.purchases.find((f) => f.id === 'revenue')).toMatchObject({
      value: 9500,
      previous: 1600,
      change: 7900,
    });
    expect(overview.members.find((f) => f.id === 'signupRate')?.formula).toBe(
      'new members ÷ new customers × 100',
    );
  });

  it('refuses a reversed or too long range on the field `to`', async () => {
    const api = testCaller(handle.db, data.workspaceId);
    expect(await refusal(api.analytics.overview({ from: '2026-11-30', to: '2026-11-01' }))).toEqual({
      code: 'BAD_REQUEST',
      paths: ['to'],
    });
    expect(await refusal(api.analytics.tiers({ from: '2020-01-01', to: '2026-11-01' }))).toEqual({
      code: 'BAD_REQUEST',
      paths: ['to'],
    });
  });

  it('stores the cost per point and prices the liability with it', async () => {
    const api = testCaller(handle.db, data.workspaceId);
    expect(await api.analytics.settings()).toEqual({ costPerPoint: 1, clickAttributionDays: 7 });
    await api.analytics.updateSettings({ costPerPoint: 0.25, clickAttributionDays: 30 });
    const overview = await api.analytics.overview(november);
    // 460 outstanding points × 0.25.
    expect(overview.points.find((f) => f.id === 'liability')?.value).toBe(115);
    expect(
      await refusal(api.analytics.updateSettings({ costPerPoint: -1, clickAttributionDays: 7 })),
    ).toMatchObject({
      paths: ['costPerPoint'],
    });
  });

  it('exports a table as CSV with translated headers', async () => {
    const api = testCaller(handle.db, data.workspaceId);
    const { filename, csv } = await api.analytics.csv({
      ...november,
      table: 'rewards',
      headers: { reward: 'Prämie', redemptions: 'Einlösungen' },
    });
    expect(filename).toBe('rewards-2026-11-01-2026-11-30.csv');
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'Prämie,pointsCost,Einlösungen,previousRedemptions,pointsSpent,stockRemaining,active',
    );
    expect(lines[1]).toBe('Coffee,150,2,0,150,10,true');
    const email = await api.analytics.csv({ ...november, table: 'emailFunnel', by: 'journey' });
    // The 30-day click window saved above takes A's orders of 3 and 20 November: 3000 + 2000.
    expect(email.csv).toContain('\r\nJ1,3,3,2,0,2,1,100,50,1,1,0,2,5000\r\n');
  });

  it('reports a journey without runs, refuses another workspace’s journey, and exports the journey tables', async () => {
    const api = testCaller(handle.db, data.workspaceId);
    // J1 has emails but no published version and no runs: nothing entered, no step, no split.
    expect(await api.analytics.journey({ ...november, journeyId: data.journeyId })).toMatchObject({
      journey: { id: data.journeyId, name: 'J1', liveVersion: null },
      windowDays: 7,
      version: null,
      rows: [],
      steps: [],
      skips: [],
      splits: [],
    });
    expect(await api.analytics.journeys({ ...november, windowDays: 14 })).toEqual({
      windowDays: 14,
      rows: [],
      liveAvailable: true,
    });
    const other = testCaller(handle.db, (await createKnownDataset(handle.db)).workspaceId);
    expect(await refusal(other.analytics.journey({ ...november, journeyId: data.journeyId }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await refusal(api.analytics.journeys({ ...november, windowDays: 91 }))).toMatchObject({
      paths: ['windowDays'],
    });
    const steps = await api.analytics.csv({
      ...november,
      table: 'journeySteps',
      journeyId: data.journeyId,
      version: 1,
    });
    expect(steps.filename).toBe(`journeySteps-${data.journeyId}-v1-2026-11-01-2026-11-30.csv`);
    expect(steps.csv.replace(/^\uFEFF/, '')).toBe('step,output,passes,runs,share\r\n');
    const skips = await api.analytics.csv({
      ...november,
      table: 'journeySkips',
      journeyId: data.journeyId,
      version: 1,
      headers: { reason: 'Grund' },
    });
    expect(skips.filename).toBe(`journeySkips-${data.journeyId}-v1-2026-11-01-2026-11-30.csv`);
    expect(skips.csv.replace(/^\uFEFF/, '')).toBe('step,Grund,skips,runs,share\r\n');
  });
});
