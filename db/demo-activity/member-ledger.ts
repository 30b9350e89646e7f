import { newId } from '../ids';

/** A tier of the program, lowest threshold first in `LedgerProgram.tiers`. */
export interface SimTier {
  id: string;
  /** Points earned in the last 12 months that reach the tier. */
  threshold: number;
  multiplierPercent: number;
}

/** A reward with its stock, shared by every member simulated after it (decremented here). */
export interface SimReward {
  id: string;
  pointsCost: number;
  /** Threshold of the lowest tier that may redeem it; null: everyone. */
  minTierThreshold: number | null;
  voucherValidDays: number | null;
  perCustomerLimit: number | null;
  /** Null: unlimited. */
  stockRemaining: number | null;
}

export interface LedgerProgram {
  tiers: SimTier[];
  rewards: SimReward[];
  /** Months an order's points stay valid (the program's expiry rule). */
  orderPointsMonths: number;
  /** A welcome award at sign-up that expires soon: where the program's breakage comes from. */
  welcome: { points: number; validDays: number };
  /** Extra points for an order of at least `minAmount` minor units. */
  bonus: { minAmount: number; points: number };
}

export interface MemberHistory {
  workspaceId: string;
  accountId: string;
  customerId: string;
  joinedAt: Date;
  /** Members who joined before the history starts got their welcome award long ago (not written). */
  welcome: boolean;
  /** The member's orders, oldest first. */
  orders: { id: string; orderRef: string; amount: number; placedAt: Date }[];
  /** The end of the history: lots due by then are expired. */
  now: Date;
}

export interface EntryRow {
  id: string;
  workspace_id: string;
  account_id: string;
  kind: 'earn' | 'redeem' | 'expire';
  points: number;
  balance_after: number;
  idempotency_key: string;
  request_hash: string;
  reason: string;
  order_ref: string | null;
  created_at: string;
}

export interface LotRow {
  id: string;
  workspace_id: string;
  account_id: string;
  entry_id: string;
  points_earned: number;
  points_remaining: number;
  expires_at: string | null;
  created_at: string;
}

export interface ConsumptionRow {
  entry_id: string;
  lot_id: string;
  workspace_id: string;
  points: number;
}

export interface VoucherRow {
  id: string;
  workspace_id: string;
  reward_id: string;
  customer_id: string;
  code: string;
  status: 'issued' | 'redeemed';
  spend_entry_id: string;
  points_spent: number;
  idempotency_key: string;
  request_hash: string;
  expires_at: string | null;
  redeemed_at: string | null;
  redeemed_order_ref: string | null;
  created_at: string;
}

export interface TierChangeRow {
  id: string;
  workspace_id: string;
  account_id: string;
  from_tier_id: string | null;
  to_tier_id: string;
  direction: 'upgrade';
  qualifying_value: number;
  cause: string;
  created_at: string;
}

export interface MemberLedger {
  entries: EntryRow[];
  lots: LotRow[];
  consumptions: ConsumptionRow[];
  vouchers: VoucherRow[];
  tierChanges: TierChangeRow[];
  /** Points and earn entry of each order, by order id. */
  orderEarnings: Map<string, { points: number; entryId: string }>;
  balance: number;
  tierId: string | null;
  tierSince: Date | null;
}

const yearMs = 365 * 86_400_000;

/** ISO timestamps sort as strings; a plain comparison, not the (slow) locale-aware one. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/**
 * One member's year, the way the ledger would have written it: each order earns points
 * (tier multiplier, big-order bonus) into a lot that expires with the program's rule; the
 * welcome award expires after a few days unless spent; now and then the member redeems a
 * reward they can afford, spending lots first-expiring-first; lots due are expired in full.
 * Every entry carries the balance after it, every debit its lot consumptions, so the
 * invariants hold by construction: balance = sum of entries = sum of unexpired lot remainders.
 * `chance` decides redemptions; rewards' stock is shared and decremented.
 */
export function simulateMemberLedger(
  member: MemberHistory,
  program: LedgerProgram,
  chance: (probability: number) => boolean,
  voucherCode: () => string,
): MemberLedger {
  const out: MemberLedger = {
    entries: [],
    lots: [],
    consumptions: [],
    vouchers: [],
    tierChanges: [],
    orderEarnings: new Map(),
    balance: 0,
    tierId: null,
    tierSince: null,
  };
  const ws = member.workspaceId;
  let balance = 0;
  let seq = 0;
  // In an object: the closures below change it, and TypeScript would narrow a `let` to null.
  const held: { tier: SimTier | null } = { tier: null };
  const earned: { at: number; points: number }[] = [];
  const redeemedPerReward = new Map<string, number>();
  const openVouchers: VoucherRow[] = [];

  const entry = (
    kind: EntryRow['kind'],
    points: number,
    at: Date,
    reason: string,
    orderRef: string | null = null,
  ): EntryRow => {
    balance += points;
    const row: EntryRow = {
      id: newId('le'),
      workspace_id: ws,
      account_id: member.accountId,
      kind,
      points,
      balance_after: balance,
      idempotency_key: `seed:${member.accountId}:${seq++}`,
      request_hash: 'seed',
      reason,
      order_ref: orderRef,
      created_at: at.toISOString(),
    };
    out.entries.push(row);
    return row;
  };

  const credit = (
    points: number,
    at: Date,
    expiresAt: Date | null,
    reason: string,
    orderRef: string | null,
  ) => {
    const row = entry('earn', points, at, reason, orderRef);
    out.lots.push({
      id: newId('lot'),
      workspace_id: ws,
      account_id: member.accountId,
      entry_id: row.id,
      points_earned: points,
      points_remaining: points,
      expires_at: expiresAt?.toISOString() ?? null,
      created_at: at.toISOString(),
    });
    earned.push({ at: at.getTime(), points });
    return row;
  };

  // Open lots in spending order: first expiring first, never-expiring last, then oldest.
  const openLots = () =>
    out.lots
      .filter((l) => l.points_remaining > 0)
      .sort(
        (a, b) =>
          compare(a.expires_at ?? '9999', b.expires_at ?? '9999') || compare(a.created_at, b.created_at),
      );

  const consume = (debit: EntryRow, points: number) => {
    let left = points;
    for (const lot of openLots()) {
      if (left === 0) break;
      const take = Math.min(left, lot.points_remaining);
      lot.points_remaining -= take;
      left -= take;
      out.consumptions.push({ entry_id: debit.id, lot_id: lot.id, workspace_id: ws, points: take });
    }
    if (left !== 0) throw new Error(`simulated spend of ${points} beyond the open lots`);
  };

  const expireDue = (until: Date) => {
    const due = out.lots
      .filter((l) => l.points_remaining > 0 && l.expires_at !== null && l.expires_at <= until.toISOString())
      .sort((a, b) => compare(a.expires_at!, b.expires_at!));
    for (const lot of due) {
      const at = new Date(lot.expires_at!);
      const row = entry('expire', -lot.points_remaining, at, 'Points expired');
      out.consumptions.push({
        entry_id: row.id,
        lot_id: lot.id,
        workspace_id: ws,
        points: lot.points_remaining,
      });
      lot.points_remaining = 0;
    }
  };

  const reviewTier = (at: Date) => {
    const since = at.getTime() - yearMs;
    const qualifying = earned.filter((e) => e.at > since).reduce((sum, e) => sum + e.points, 0);
    const reached = program.tiers.filter((t) => t.threshold <= qualifying).at(-1) ?? null;
    if (reached && (!held.tier || reached.threshold > held.tier.threshold)) {
      // A second after the earn: the order that lifted the member counts for the tier they had.
      const changedAt = new Date(at.getTime() + 1000);
      out.tierChanges.push({
        id: newId('tch'),
        workspace_id: ws,
        account_id: member.accountId,
        from_tier_id: held.tier?.id ?? null,
        to_tier_id: reached.id,
        direction: 'upgrade',
        qualifying_value: qualifying,
        cause: 'order',
        created_at: changedAt.toISOString(),
      });
      held.tier = reached;
      out.tierId = reached.id;
      out.tierSince = changedAt;
    }
  };

  const maybeRedeem = (at: Date) => {
    if (!chance(0.3)) return;
    // Right after the points arrived (the member page offered it): before any later activity.
    const redeemedAt = new Date(at.getTime() + 1);
    expireDue(redeemedAt);
    const affordable = program.rewards.filter(
      (r) =>
        r.pointsCost > 0 &&
        r.pointsCost <= balance &&
        (r.stockRemaining === null || r.stockRemaining > 0) &&
        (r.minTierThreshold === null || (held.tier !== null && held.tier.threshold >= r.minTierThreshold)) &&
        (r.perCustomerLimit === null || (redeemedPerReward.get(r.id) ?? 0) < r.perCustomerLimit),
    );
    const reward = affordable.sort((a, b) => b.pointsCost - a.pointsCost)[0];
    if (!reward) return;
    const row = entry('redeem', -reward.pointsCost, redeemedAt, 'Reward redeemed');
    consume(row, reward.pointsCost);
    if (reward.stockRemaining !== null) reward.stockRemaining -= 1;
    redeemedPerReward.set(reward.id, (redeemedPerReward.get(reward.id) ?? 0) + 1);
    const voucher: VoucherRow = {
      id: newId('vch'),
      workspace_id: ws,
      reward_id: reward.id,
      customer_id: member.customerId,
      code: voucherCode(),
      status: 'issued',
      spend_entry_id: row.id,
      points_spent: reward.pointsCost,
      idempotency_key: `seed:${row.id}`,
      request_hash: 'seed',
      expires_at:
        reward.voucherValidDays === null
          ? null
          : new Date(redeemedAt.getTime() + reward.voucherValidDays * 86_400_000).toISOString(),
      redeemed_at: null,
      redeemed_order_ref: null,
      created_at: redeemedAt.toISOString(),
    };
    out.vouchers.push(voucher);
    openVouchers.push(voucher);
  };

  if (member.welcome) {
    credit(
      program.welcome.points,
      member.joinedAt,
      new Date(member.joinedAt.getTime() + program.welcome.validDays * 86_400_000),
      'Welcome bonus',
      null,
    );
  }
  for (const order of member.orders) {
    expireDue(order.placedAt);
    // A voucher the member holds is used on their next order, if still valid.
    const usable = openVouchers.findIndex(
      (v) => v.expires_at === null || v.expires_at > order.placedAt.toISOString(),
    );
    if (usable >= 0 && chance(0.7)) {
      const [voucher] = openVouchers.splice(usable, 1);
      voucher!.status = 'redeemed';
      voucher!.redeemed_at = order.placedAt.toISOString();
      voucher!.redeemed_order_ref = order.orderRef;
    }
    const multiplier = held.tier?.multiplierPercent ?? 100;
    const points =
      Math.floor((Math.floor(order.amount / 100) * multiplier) / 100) +
      (order.amount >= program.bonus.minAmount ? program.bonus.points : 0);
    if (points > 0) {
      const row = credit(
        points,
        order.placedAt,
        addMonths(order.placedAt, program.orderPointsMonths),
        'Order',
        order.orderRef,
      );
      out.orderEarnings.set(order.id, { points, entryId: row.id });
      reviewTier(order.placedAt);
      maybeRedeem(order.placedAt);
    }
  }
  expireDue(member.now);
  out.balance = balance;
  return out;
}
