import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../client';
import { pointLots } from '../schema';
import { adjustPoints, type AdjustRequest } from './adjust';
import { awardPoints, type AwardRequest } from './award';
import { IdempotencyConflictError, InsufficientPointsError, LedgerInputError } from './errors';
import { expireDueLots } from './expire';
import type { ExpiryRule } from './expiry-rule';
import { reversePoints, type ReverseRequest } from './reverse';
import { spendPoints, type SpendRequest } from './spend';
import { ledgerTotals, ledgerViolations } from './testing/ledger-invariants';
import { LedgerModel } from './testing/ledger-model';
import { newMember, type Member } from './testing/member';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 4 });
});
afterAll(() => handle.close());

const orders = { o1: 10_000, o2: 4_999, o3: 1 } as const;
type OrderRef = keyof typeof orders;

type Op =
  | { op: 'award'; points: number; expiry: ExpiryRule; orderRef: OrderRef | null }
  | { op: 'spend'; points: number }
  | { op: 'adjust'; points: number; expiry: ExpiryRule | null }
  | { op: 'reverse'; orderRef: OrderRef; refundSeed: number }
  | { op: 'expire'; advanceDays: number }
  | { op: 'replay'; pick: number }
  | { op: 'reuseKey'; pick: number };

const expiryArb: fc.Arbitrary<ExpiryRule> = fc.oneof(
  fc.constant({ kind: 'never' as const }),
  fc.integer({ min: 1, max: 18 }).map((months) => ({ kind: 'months' as const, months })),
  fc.constantFrom('month', 'quarter', 'year').map((period) => ({ kind: 'end_of_period' as const, period })),
);
// Few orders, so refunds usually meet points their order earned (o3 is a one-cent order).
const orderArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant<OrderRef>('o1') },
  { weight: 3, arbitrary: fc.constant<OrderRef>('o2') },
  { weight: 1, arbitrary: fc.constant<OrderRef>('o3') },
);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('award' as const),
      points: fc.integer({ min: 1, max: 200 }),
      expiry: expiryArb,
      orderRef: fc.option(orderArb, { freq: 3, nil: null }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('spend' as const), points: fc.integer({ min: 1, max: 150 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('adjust' as const),
      points: fc.integer({ min: -150, max: 150 }).filter((p) => p !== 0),
      expiry: fc.option(expiryArb),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('reverse' as const), orderRef: orderArb, refundSeed: fc.nat() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('expire' as const),
      advanceDays: fc.integer({ min: 0, max: 200 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('replay' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reuseKey' as const), pick: fc.nat() }) },
);

/** A write that was applied: how to send it again, and what it answered the first time. */
interface Applied {
  send: () => Promise<unknown>;
  /** The same key with something else changed. */
  conflicting: () => Promise<unknown>;
  result: unknown;
}

async function runSequence(ops: Op[]): Promise<void> {
  const { db } = handle;
  const member: Member = await newMember(db);
  const model = new LedgerModel();
  const applied: Applied[] = [];
  let clock = Date.now();

  for (const [i, step] of ops.entries()) {
    const key = `op-${i}`;
    switch (step.op) {
      case 'award': {
        const request: AwardRequest = {
          ...member,
          points: step.points,
          expiry: step.expiry,
          orderRef: step.orderRef ?? undefined,
          idempotencyKey: key,
          reason: 'Purchase',
        };
        const result = await awardPoints(db, request);
        model.earn(step.points, result.lotId, result.expiresAt, step.orderRef);
        expect(result.balance).toBe(model.balance);
        applied.push({
          send: () => awardPoints(db, request),
          conflicting: () => awardPoints(db, { ...request, points: step.points + 1 }),
          result,
        });
        break;
      }
      case 'spend': {
        const request: SpendRequest = {
          ...member,
          points: step.points,
          idempotencyKey: key,
          reason: 'Reward',
        };
        const expected = model.take(step.points);
        if (expected === null) {
          await expect(spendPoints(db, request)).rejects.toBeInstanceOf(InsufficientPointsError);
          break;
        }
        const result = await spendPoints(db, request);
        expect(result.consumed).toEqual(expected);
        expect(result.balance).toBe(model.balance);
        applied.push({
          send: () => spendPoints(db, request),
          conflicting: () => adjustPoints(db, { ...request, points: -step.points }),
          result,
        });
        break;
      }
      case 'adjust': {
        const request: AdjustRequest = {
          ...member,
          points: step.points,
          expiry: step.points > 0 ? (step.expiry ?? undefined) : undefined,
          idempotencyKey: key,
          reason: 'Correction',
        };
        if (step.points < 0) {
          const expected = model.take(-step.points);
          if (expected === null) {
            await expect(adjustPoints(db, request)).rejects.toBeInstanceOf(InsufficientPointsError);
            break;
          }
          const result = await adjustPoints(db, request);
          expect(result.consumed).toEqual(expected);
          applied.push({
            send: () => adjustPoints(db, request),
            conflicting: () => adjustPoints(db, { ...request, reason: 'Other' }),
            result,
          });
        } else {
          const result = await adjustPoints(db, request);
          model.earn(step.points, result.lotId!, result.expiresAt);
          applied.push({
            send: () => adjustPoints(db, request),
            conflicting: () => adjustPoints(db, { ...request, reason: 'Other' }),
            result,
          });
        }
        break;
      }
      case 'reverse': {
        const orderAmount = orders[step.orderRef];
        const request: ReverseRequest = {
          ...member,
          orderRef: step.orderRef,
          orderAmount,
          refundAmount: 1 + (step.refundSeed % orderAmount),
          currency: 'EUR',
          idempotencyKey: key,
        };
        const expected = model.reverse(step.orderRef, orderAmount, request.refundAmount, 'EUR');
        if ('error' in expected) {
          const error = await reversePoints(db, request).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(LedgerInputError);
          expect((error as LedgerInputError).field).toBe(expected.error);
          break;
        }
        const result = await reversePoints(db, request);
        expect(result).toMatchObject({
          pointsDue: expected.due,
          pointsTaken: expected.taken,
          pointsWaivedExpired: expected.waived,
          shortfall: expected.shortfall,
          consumed: expected.consumed,
          balance: model.balance,
        });
        applied.push({
          send: () => reversePoints(db, request),
          conflicting: () => reversePoints(db, { ...request, reason: 'Return' }),
          result,
        });
        break;
      }
      case 'expire': {
        clock += step.advanceDays * 86_400_000;
        const asOf = new Date(clock);
        const expected = model.expire(asOf);
        const batch = await expireDueLots(db, { workspaceId: member.workspaceId, asOf });
        expect({ lots: batch.expiredLots, points: batch.expiredPoints }).toEqual(expected);
        // Expiring again at the same time finds nothing: a lot expires once.
        expect((await expireDueLots(db, { workspaceId: member.workspaceId, asOf })).expiredLots).toBe(0);
        break;
      }
      case 'replay': {
        const target = applied[step.pick % Math.max(applied.length, 1)];
        if (target) expect(await target.send()).toEqual({ ...(target.result as object), replayed: true });
        break;
      }
      case 'reuseKey': {
        const target = applied[step.pick % Math.max(applied.length, 1)];
        if (target) await expect(target.conflicting()).rejects.toBeInstanceOf(IdempotencyConflictError);
        break;
      }
    }
    await expectMatchesModel(member, model);
  }
}

async function expectMatchesModel(member: Member, model: LedgerModel): Promise<void> {
  const { db } = handle;
  const totals = await ledgerTotals(db, member.workspaceId, member.customerId);
  expect(totals).toEqual({
    balance: model.balance,
    entrySum: model.balance,
    entryCount: model.entries,
    lotSum: model.balance,
  });
  expect(totals.balance).toBeGreaterThanOrEqual(0);
  const lots = await db
    .select({ id: pointLots.id, remaining: pointLots.pointsRemaining })
    .from(pointLots)
    .where(eq(pointLots.workspaceId, member.workspaceId));
  expect(Object.fromEntries(lots.map((lot) => [lot.id, lot.remaining]))).toEqual(model.lotRemainders());
  const [shortfall] = (await db.execute(
    sql`select coalesce(sum(shortfall), 0)::integer as total from point_reversals where workspace_id = ${member.workspaceId}`,
  )) as unknown as [{ total: number }];
  expect(shortfall.total).toBe(model.shortfall);
  expect(await ledgerViolations(db, member.workspaceId)).toEqual([]);
}

describe('the ledger under random operation sequences', () => {
  it('matches an in-memory model and keeps its invariants after every step', async () => {
    // Modest on purpose: ~30 sequences of up to 40 steps run in a few seconds on 2 cores.
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40, size: 'max' }), runSequence),
      {
        numRuns: 30,
      },
    );
  });
});
