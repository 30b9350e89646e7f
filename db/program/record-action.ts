import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Transaction } from '../client';
import { lockAccount, type LockedAccount } from '../ledger/account';
import { awardInTransaction } from '../ledger/award';
import { IdempotencyConflictError, LedgerInputError } from '../ledger/errors';
import { refuseKeyRaces } from '../ledger/idempotency';
import { customerIdField, parseLedgerRequest, workspaceIdField } from '../ledger/request-fields';
import { customers, ledgerEntries } from '../schema';
import { reevaluateTier } from '../tiers/reevaluate-tier';
import { earnActions, type CapPeriod, type EarnAction } from './earn-rules';
import { getProgramSettings } from './settings';

export const recordActionRequestSchema = z.object({
  workspaceId: workspaceIdField,
  customerId: customerIdField,
  action: z.enum(earnActions),
  /** The caller's key for this one action (say, the review's id): reporting it again awards once. */
  idempotencyKey: z.string().trim().min(1, 'an idempotency key is required').max(200),
});

export type RecordActionInput = z.input<typeof recordActionRequestSchema>;

export type RecordActionResult =
  | { status: 'awarded'; points: number; balance: number; replayed: boolean }
  /** The member reached the rule's cap for this period: nothing was written. */
  | { status: 'capped'; cap: { count: number; period: CapPeriod } }
  /** The program does not reward this action: nothing was written. */
  | { status: 'no_rule' };

/**
 * The ledger key of an action's award. Scoped, so a caller's key can never collide with
 * the keys of orders (`order:…`), refunds or journeys in the same workspace.
 */
export const actionEarnKey = (idempotencyKey: string) => `action:${idempotencyKey}`;

/**
 * Awards the points the program gives for an action (a review, a newsletter opt-in …),
 * unless the member already had the rule's cap of them in the current period: a
 * calendar day, ISO week (from Monday), month or year in the workspace's time zone, or
 * their lifetime. The awards are counted under the account's row lock, in the
 * transaction that writes the next one, so concurrent reports cannot together pass the
 * cap. Awards are marked with `source.action`, which is what is counted.
 *
 * Idempotent by key: a key that was awarded before answers that award (also when the
 * cap has been reached since, or the rule's points changed); the same key for another
 * customer or action is refused. A capped or rule-less call writes nothing, so its key
 * stays free.
 */
export async function recordAction(db: Database, input: RecordActionInput): Promise<RecordActionResult> {
  const request = parseLedgerRequest(recordActionRequestSchema, input);
  const key = actionEarnKey(request.idempotencyKey);
  return refuseKeyRaces(key, () => db.transaction((tx) => recordActionLocked(tx, request, key)));
}

async function recordActionLocked(
  tx: Transaction,
  request: z.output<typeof recordActionRequestSchema>,
  key: string,
): Promise<RecordActionResult> {
  const settings = await getProgramSettings(tx, request.workspaceId);
  const rule = settings.earnRules.actions.find((candidate) => candidate.action === request.action);
  if (!rule) {
    await requireCustomer(tx, request.workspaceId, request.customerId);
    return { status: 'no_rule' };
  }

  const account = await lockAccount(tx, request.workspaceId, request.customerId);
  const [prior] = await tx
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.workspaceId, request.workspaceId), eq(ledgerEntries.idempotencyKey, key)));
  if (prior) {
    // Compared by what the key stood for, not by the request hash: the rule's points may
    // have changed since, and a retry must still get its first answer.
    if (prior.accountId !== account.id || prior.kind !== 'earn' || prior.source.action !== request.action)
      throw new IdempotencyConflictError(request.idempotencyKey);
    return { status: 'awarded', points: prior.points, balance: prior.balanceAfter, replayed: true };
  }

  if (rule.cap && (await awardsInPeriod(tx, account, request.action, rule.cap.period)) >= rule.cap.count)
    return { status: 'capped', cap: rule.cap };

  const award = await awardInTransaction(tx, {
    workspaceId: request.workspaceId,
    customerId: request.customerId,
    points: rule.points,
    idempotencyKey: key,
    reason: `Action ${request.action}`,
    source: { via: 'action', action: request.action },
  });
  // Action points are earned points: on a points basis they may lift the member's tier.
  await reevaluateTier(tx, { workspaceId: request.workspaceId, customerId: request.customerId, cause: key });
  return { status: 'awarded', points: award.points, balance: award.balance, replayed: false };
}

/**
 * The member's awards for `action` since the start of the current period in the
 * workspace's zone (`date_trunc` with a zone: midnight there, DST included; weeks start
 * on Monday). Uses the account's entry index; the caller holds the account lock.
 */
async function awardsInPeriod(
  tx: Transaction,
  account: LockedAccount,
  action: EarnAction,
  period: CapPeriod,
): Promise<number> {
  const since =
    period === 'lifetime'
      ? sql`true`
      : sql`${ledgerEntries.createdAt} >= date_trunc(${period}, statement_timestamp(),
          (select time_zone from workspaces where id = ${account.workspaceId}))`;
  const [row] = await tx
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.workspaceId, account.workspaceId),
        eq(ledgerEntries.accountId, account.id),
        eq(ledgerEntries.kind, 'earn'),
        sql`${ledgerEntries.source}->>'action' = ${action}`,
        since,
      ),
    );
  return row?.count ?? 0;
}

async function requireCustomer(tx: Transaction, workspaceId: string, customerId: string): Promise<void> {
  const [customer] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
  if (!customer) throw new LedgerInputError('customerId', `no customer "${customerId}" in this workspace`);
}
