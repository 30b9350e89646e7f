/** What the ledger knows about an order when one of its refunds arrives. */
export interface ReversalState {
  /** Points the order earned on this account (all its `earn` entries). */
  earned: number;
  /** Money, minor units. */
  orderAmount: number;
  refundedBefore: number;
  refundAmount: number;
  /** Points earlier refunds of the order were due (taken + waived + shortfall). */
  dueBefore: number;
  /** Points still in the order's own lots. */
  ownRemaining: number;
  /** Points of the order's lots that expired, and how many of them earlier refunds waived. */
  expiredFromOrder: number;
  waivedBefore: number;
  balance: number;
}

export interface ReversalPlan {
  due: number;
  /** Taken back from the order's own lots, then from the rest of the balance. */
  taken: number;
  waivedExpired: number;
  shortfall: number;
}

/**
 * How many points one refund takes back.
 *
 * Due: the order's earned points times the share refunded so far (rounded down, in
 * exact integer arithmetic), less what earlier refunds were due. Working cumulatively
 * means three refunds of a third add up to the whole order, never more than it earned.
 *
 * Then, in this order: points still in the order's own lots are taken back; points of
 * the order that expired are waived (they already left the balance once); the rest were
 * spent, so they are taken from whatever else is on the balance, and what is not there
 * is the shortfall. The balance never goes below zero.
 */
export function planReversal(state: ReversalState): ReversalPlan {
  const refunded = state.refundedBefore + state.refundAmount;
  if (refunded > state.orderAmount) throw new RangeError('refunds exceed the order amount');
  const target = Number((BigInt(state.earned) * BigInt(refunded)) / BigInt(state.orderAmount));
  const due = Math.max(0, target - state.dueBefore);

  const fromOwn = Math.min(due, state.ownRemaining);
  const waivedExpired = Math.min(due - fromOwn, Math.max(0, state.expiredFromOrder - state.waivedBefore));
  const spent = due - fromOwn - waivedExpired;
  const fromOthers = Math.min(spent, state.balance - state.ownRemaining);
  return {
    due,
    taken: fromOwn + fromOthers,
    waivedExpired,
    shortfall: spent - fromOthers,
  };
}
