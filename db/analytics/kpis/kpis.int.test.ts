import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../client';
import type { Figure } from '../figure';
import { refreshRollups } from '../refresh-rollups';
import { saveAnalyticsSettings } from '../settings';
import { createKnownDataset, type KnownDataset } from '../testing/known-dataset';
import { emailReport } from './email';
import { memberKpis } from './members';
import { npsKpis } from './nps';
import { pointKpis } from './points';
import { purchaseKpis } from './purchases';
import { retentionKpis } from './retention';
import { rewardPopularity } from './rewards';
import { segmentRevenue } from './segments';
import { tierReport } from './tiers';

// November 2026 against 2–31 October (30 days each). The data set is described in
// ../testing/known-dataset.ts; every expected number is worked out in the comments.
const november = { from: '2026-11-01', to: '2026-11-30' };

let handle: DatabaseHandle;
let data: KnownDataset;
let other: KnownDataset;

beforeAll(async () => {
  handle = connectDatabase(inject('databaseUrl'), { max: 5 });
  data = await createKnownDataset(handle.db);
  // A second workspace with the same data: nothing of it may show in the first one's figures.
  other = await createKnownDataset(handle.db);
  await refreshRollups(handle.db, data.workspaceId);
});
afterAll(() => handle.close());

/** id → [value, previous] */
function values(figures: Figure[]): Record<string, [number | null, number | null]> {
  return Object.fromEntries(figures.map((f) => [f.id, [f.value, f.previous]]));
}

describe('KPIs on the known data set', () => {
  it('members, sign-up rate, active members', async () => {
    expect(values(await memberKpis(handle.db, data.workspaceId, november))).toEqual({
      // Members by 30 Nov: A, B, C = 3; by 31 Oct: A, B = 2.
      members: [3, 2],
      // November: C; October: B.
      newMembers: [1, 1],
      // November: C, D, E; 2–31 October: B.
      newCustomers: [3, 1],
      // 1 ÷ 3 = 33.33 %; 1 ÷ 1 = 100 %.
      signupRate: [33.33, 100],
      // November: A (orders, earn, redeem), C (order, earn); B only expired points: not active.
      // October: A (earn, order 5 Oct), B (earn, order 12 Oct).
      activeMembers: [2, 2],
      // 2 ÷ 3 = 66.67 %; 2 ÷ 2 = 100 %.
      activeRate: [66.67, 100],
    });
  });

  it('retention and churn', async () => {
    expect(values(await retentionKpis(handle.db, data.workspaceId, november))).toEqual({
      // Active in October {A, B}, again in November {A}: 1 of 2.
      retainedMembers: [1, 0],
      // 1 ÷ 2 = 50 %; before: nobody active 3 Sep – 1 Oct, so no rate.
      retentionRate: [50, null],
      churnRate: [50, null],
    });
  });

  it('orders, repeat purchase rate, AOV members vs non-members, CLV', async () => {
    expect(values(await purchaseKpis(handle.db, data.workspaceId, november))).toEqual({
      // November: A 3000 + A 2000 + C 4000 + D 500 (D's 1500 is 1 Dec in Berlin). October: A 1000, B 600.
      orders: [4, 2],
      revenue: [9500, 1600],
      // Buyers A (2 orders), C, D: 1 ÷ 3; October: A, B with one each: 0 ÷ 2.
      repeatPurchaseRate: [33.33, 0],
      // 9500 ÷ 4; 1600 ÷ 2.
      aov: [2375, 800],
      // Members A, C: 9000 ÷ 3; October A, B: 1600 ÷ 2.
      aovMembers: [3000, 800],
      // D: 500 ÷ 1; October: none.
      aovNonMembers: [500, null],
      // Up to 30 Nov: A 1000 + 3000 + 2000 − 500 refund, B 600, C 4000, D 500 = 10600 ÷ 4 buyers = 2650.
      // Up to 31 Oct: A 1000, B 600 = 1600 ÷ 2 = 800.
      clv: [2650, 800],
    });
  });

  it('points, breakage, redemption rate, liability at the configured cost', async () => {
    await saveAnalyticsSettings(handle.db, data.workspaceId, { costPerPoint: 0.5, clickAttributionDays: 7 });
    expect(values(await pointKpis(handle.db, data.workspaceId, november))).toEqual({
      // Credits in November: A earn 200, C earn 300, C adjust +20 = 520; October: A 100, B 50.
      pointsIssued: [520, 150],
      // A redeemed 150.
      pointsRedeemed: [150, 0],
      // B's 50 expired.
      pointsExpired: [50, 0],
      // C adjust −10.
      pointsOtherDebits: [10, 0],
      // 50 ÷ 520 = 9.615 %; 0 ÷ 150.
      breakageRate: [9.62, 0],
      // 150 ÷ 520 = 28.846 %.
      redemptionRate: [28.85, 0],
      // All entries up to 30 Nov: 100 + 200 − 150 + 50 − 50 + 300 + 20 − 10 = 460; up to 31 Oct: 150.
      outstandingPoints: [460, 150],
      // 460 × 0.5 = 230; 150 × 0.5 = 75.
      liability: [230, 75],
    });
    // A cost passed in wins over the setting: 460 × 2.
    const priced = await pointKpis(handle.db, data.workspaceId, november, { costPerPoint: 2 });
    expect(priced.find((f) => f.id === 'liability')?.value).toBe(920);
  });

  it('tier distribution, movements and revenue by tier', async () => {
    const report = await tierReport(handle.db, data.workspaceId, november);
    const { silver, gold } = data.tiers;
    // 30 Nov: A Gold, C Silver, B back to no tier. 31 Oct: A and B Silver.
    expect(report.distribution.map((d) => [d.name, d.members, d.previousMembers])).toEqual([
      ['Gold', 1, 0],
      ['Silver', 1, 2],
      [null, 1, 0],
    ]);
    // November: A Silver → Gold, C none → Silver, B Silver → none.
    expect(
      report.movements
        .map((m) => [m.fromTierId, m.toTierId, m.members])
        .sort((a, b) => String(a).localeCompare(String(b))),
    ).toEqual(
      [
        ['', silver, 1],
        [silver, '', 1],
        [silver, gold, 1],
      ].sort((a, b) => String(a).localeCompare(String(b))),
    );
    // Tier held at order time: A was Gold from 3 Nov 10:00 (orders 3 Nov 12:00 and 20 Nov: 5000),
    // C Silver from 7 Nov 11:00 (order 12:00: 4000), D never (500).
    // October: A Silver since 5 Oct 11:00 (order 12:00: 1000); B's order at 12:00 came before
    // their Silver at 13:00 (600, no tier).
    expect(report.revenue.map((r) => [r.name, r.orders, r.revenue, r.previousRevenue])).toEqual([
      ['Gold', 2, 5000, 0],
      ['Silver', 1, 4000, 1000],
      [null, 1, 500, 600],
    ]);
  });

  it('revenue by segment', async () => {
    // VIP = {A, D}: November A 3000 + 2000, D 500 (3 orders, 2 buyers); October A 1000.
    expect(await segmentRevenue(handle.db, data.workspaceId, november)).toEqual([
      {
        segmentId: data.segmentId,
        name: 'VIP',
        members: 2,
        buyers: 2,
        orders: 3,
        revenue: 5500,
        previousRevenue: 1000,
      },
    ]);
  });

  it('reward popularity and stock', async () => {
    // Coffee: A's voucher for 150 points and C's free one from a journey; Bag: none.
    expect(
      (await rewardPopularity(handle.db, data.workspaceId, november)).map((r) => [
        r.name,
        r.redemptions,
        r.pointsSpent,
        r.previousRedemptions,
        r.stockRemaining,
      ]),
    ).toEqual([
      ['Coffee', 2, 150, 0, 10],
      ['Bag', 0, 0, 0, null],
    ]);
  });

  it('NPS from survey responses', async () => {
    expect(values(await npsKpis(handle.db, data.workspaceId, november))).toEqual({
      // Scores 10, 9, '9', 7, 3 count; 'abc' and 11 do not; a page_viewed with a score is no survey.
      npsResponses: [5, 1],
      npsPromoters: [3, 1],
      npsPassives: [1, 0],
      npsDetractors: [1, 0],
      // (3 − 1) ÷ 5 × 100 = 40; October: (1 − 0) ÷ 1 × 100 = 100.
      nps: [40, 100],
    });
  });

  it('email funnel per template and journey, revenue after a click', async () => {
    const report = await emailReport(handle.db, data.workspaceId, november);
    expect(values(report.totals)).toEqual({
      // Each message is its own run: m1, m2, m3 in J1 (m4 is outside any journey); October m5.
      journeyRunsEmailed: [3, 1],
      // m1 (queued → sent), m2 sent, m3 failed; October m5 sent.
      emailSent: [3, 1],
      emailDelivered: [2, 1],
      // m4 suppressed (no consent).
      emailSkipped: [1, 0],
      // Opened m1, m2 of 2 delivered; October m5.
      emailOpenRate: [100, 100],
      // Clicked m1 of 2; October m5 of 1.
      emailClickRate: [50, 100],
      // C unsubscribed from m2; m3 bounced; the manual entry names no message.
      emailUnsubscribed: [1, 0],
      emailBounced: [1, 0],
      emailComplained: [0, 0],
      // A clicked m1 on 2 Nov 10:05; within 7 days A ordered 3000 (3 Nov); 20 Nov is too late.
      // October: B clicked m5 on 20 Oct and never ordered after.
      emailRevenue: [3000, 0],
    });
    const journey = report.byJourney.find((r) => r.id === data.journeyId);
    expect(journey).toMatchObject({
      name: 'J1',
      runsEmailed: 3,
      sent: 3,
      delivered: 2,
      skipped: 0,
      opened: 2,
      clicked: 1,
      bounced: 1,
      unsubscribed: 1,
      attributedOrders: 1,
      attributedRevenue: 3000,
    });
    // m4 was a send outside any journey.
    expect(report.byJourney.find((r) => r.id === '')).toMatchObject({ skipped: 1, sent: 0 });
    expect(report.byTemplate).toHaveLength(1);
    expect(report.byTemplate[0]).toMatchObject({
      id: data.templateId,
      sent: 3,
      skipped: 1,
      openRate: 100,
      clickRate: 50,
    });

    // A 30-day window takes A's 20 Nov order too: 3000 + 2000.
    const wide = await emailReport(handle.db, data.workspaceId, november, { clickWindowDays: 30 });
    expect(wide.totals.find((f) => f.id === 'emailRevenue')?.value).toBe(5000);
  });

  it('keeps workspaces apart', async () => {
    // The other workspace holds the same data but was never refreshed on its own here: its
    // pending deltas are not this workspace's figures, and ours are not doubled by it.
    await refreshRollups(handle.db, other.workspaceId);
    const ours = values(await purchaseKpis(handle.db, data.workspaceId, november));
    expect(ours.revenue).toEqual([9500, 1600]);
  });
});
