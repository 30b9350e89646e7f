import type { Consumption } from '../consumption-plan';

interface ModelLot {
  lotId: string;
  /** Order of earning: ties in expiry go to the earlier lot. */
  seq: number;
  expiresAt: number | null;
  earned: number;
  remaining: number;
  orderRef: string | null;
  expired: number;
}

interface ModelOrder {
  orderAmount: number;
  currency: string;
  refunded: number;
  due: number;
  waived: number;
}

export type ModelReversal =
  | { error: 'orderRef' | 'orderAmount' | 'currency' | 'refundAmount' }
  | { due: number; taken: number; waived: number; shortfall: number; consumed: Consumption[] };

/**
 * The ledger's rules in plain memory, written from the wording rather than from
 * the SQL, for the property test to compare against after every step.
 */
export class LedgerModel {
  balance = 0;
  entries = 0;
  shortfall = 0;
  private lots: ModelLot[] = [];
  private orders = new Map<string, ModelOrder>();
  private seq = 0;

  lotRemainders(): Record<string, number> {
    return Object.fromEntries(this.lots.map((lot) => [lot.lotId, lot.remaining]));
  }

  earn(points: number, lotId: string, expiresAt: Date | null, orderRef: string | null = null): void {
    this.lots.push({
      lotId,
      seq: this.seq++,
      expiresAt: expiresAt?.getTime() ?? null,
      earned: points,
      remaining: points,
      orderRef,
      expired: 0,
    });
    this.balance += points;
    this.entries++;
  }

  /** A spend or a negative adjustment: null when the balance does not cover it (nothing changes). */
  take(points: number): Consumption[] | null {
    if (points > this.balance) return null;
    this.entries++;
    return this.consume(points, null);
  }

  reverse(orderRef: string, orderAmount: number, refundAmount: number, currency: string): ModelReversal {
    const own = this.lots.filter((lot) => lot.orderRef === orderRef);
    if (own.length === 0) return { error: 'orderRef' };
    const before = this.orders.get(orderRef) ?? { orderAmount, currency, refunded: 0, due: 0, waived: 0 };
    if (before.orderAmount !== orderAmount) return { error: 'orderAmount' };
    if (before.currency !== currency) return { error: 'currency' };
    if (before.refunded + refundAmount > orderAmount) return { error: 'refundAmount' };

    const earned = own.reduce((sum, lot) => sum + lot.earned, 0);
    const refunded = before.refunded + refundAmount;
    const due = Math.floor((earned * refunded) / orderAmount) - before.due;
    const ownRemaining = own.reduce((sum, lot) => sum + lot.remaining, 0);
    const fromOwn = Math.min(due, ownRemaining);
    const expired = own.reduce((sum, lot) => sum + lot.expired, 0) - before.waived;
    const waived = Math.min(due - fromOwn, expired);
    const spent = due - fromOwn - waived;
    const fromOthers = Math.min(spent, this.balance - ownRemaining);
    const taken = fromOwn + fromOthers;

    this.orders.set(orderRef, { ...before, refunded, due: before.due + due, waived: before.waived + waived });
    this.entries++;
    this.shortfall += spent - fromOthers;
    return { due, taken, waived, shortfall: spent - fromOthers, consumed: this.consume(taken, orderRef) };
  }

  expire(asOf: Date): { lots: number; points: number } {
    let lots = 0;
    let points = 0;
    for (const lot of this.lots) {
      if (lot.remaining === 0 || lot.expiresAt === null || lot.expiresAt > asOf.getTime()) continue;
      lots++;
      points += lot.remaining;
      lot.expired += lot.remaining;
      lot.remaining = 0;
    }
    this.balance -= points;
    this.entries += lots;
    return { lots, points };
  }

  /** First-expiring-first (never-expiring last, ties by earning), the order's own lots before all. */
  private consume(points: number, preferOrder: string | null): Consumption[] {
    const rank = (lot: ModelLot) => (preferOrder !== null && lot.orderRef === preferOrder ? 0 : 1);
    const queue = this.lots
      .filter((lot) => lot.remaining > 0)
      .sort(
        (a, b) => rank(a) - rank(b) || (a.expiresAt ?? Infinity) - (b.expiresAt ?? Infinity) || a.seq - b.seq,
      );
    const consumed: Consumption[] = [];
    let left = points;
    for (const lot of queue) {
      if (left === 0) break;
      const take = Math.min(left, lot.remaining);
      lot.remaining -= take;
      left -= take;
      consumed.push({ lotId: lot.lotId, points: take });
    }
    this.balance -= points;
    return consumed;
  }
}
