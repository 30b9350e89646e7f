import { and, asc, eq, getTableColumns, ilike, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../client';
import { newId } from '../ids';
import { parseLedgerRequest, workspaceIdField } from '../ledger/request-fields';
import { emailSuppressions, suppressionReasons, type SuppressionReason } from '../schema';
import { complianceSourceSchema, normalizeAddress, storedAddressSchema } from './fields';
import { suppressionHash } from './suppression-hash';

export type Suppression = typeof emailSuppressions.$inferSelect;

/**
 * How much a reason blocks: a bounce or complaint stops every mail to the address, an
 * unsubscribe or a manual entry only marketing. A stronger reason replaces a weaker one
 * (an unsubscribed address that later bounces); a weaker one never hides a stronger one.
 */
const severity: Record<SuppressionReason, number> = {
  unsubscribed: 1,
  manual: 1,
  bounced: 2,
  complained: 3,
};

/** The same ranking for code that merges entries (an erasure folding an address into its hash). */
export const suppressionSeverity: Readonly<Record<SuppressionReason, number>> = severity;

/** Reasons that stop transactional mail too: sending to them hurts the sender's reputation. */
export const hardSuppressionReasons: readonly SuppressionReason[] = ['bounced', 'complained'];

const suppressSchema = z.object({
  workspaceId: workspaceIdField,
  address: storedAddressSchema,
  reason: z.enum(suppressionReasons),
  detail: z.string().trim().max(2000, 'must be at most 2000 characters').nullish(),
  source: complianceSourceSchema,
  messageLogId: z.string().min(1).nullish(),
});

export type SuppressAddressInput = z.input<typeof suppressSchema>;

export interface SuppressAddressResult {
  suppression: Suppression;
  /** `created`: new entry; `escalated`: an existing one got a stronger reason; `unchanged`. */
  outcome: 'created' | 'escalated' | 'unchanged';
}

/**
 * Puts an address on the workspace's suppression list. Idempotent: the same address again
 * changes nothing unless the new reason is stronger (see `severity`), in which case reason,
 * detail and source become the new ones. One statement, so two concurrent unsubscribes of
 * one address leave one row.
 */
export async function suppressAddress(
  db: Executor,
  input: SuppressAddressInput,
): Promise<SuppressAddressResult> {
  const request = parseLedgerRequest(suppressSchema, input);
  const stronger = sql`(case ${emailSuppressions.reason} ${sql.raw(
    Object.entries(severity)
      .map(([reason, rank]) => `when '${reason}' then ${rank}`)
      .join(' '),
  )} end) < ${severity[request.reason]}`;
  const [written] = await db
    .insert(emailSuppressions)
    .values({
      id: newId('sup'),
      workspaceId: request.workspaceId,
      address: request.address,
      reason: request.reason,
      detail: request.detail ?? null,
      source: request.source,
      messageLogId: request.messageLogId ?? null,
    })
    .onConflictDoUpdate({
      target: [emailSuppressions.workspaceId, emailSuppressions.address],
      set: {
        reason: request.reason,
        detail: request.detail ?? null,
        source: request.source,
        messageLogId: request.messageLogId ?? null,
        updatedAt: sql`now()`,
      },
      setWhere: stronger,
    })
    // xmax is 0 exactly for a row this statement inserted.
    .returning({ ...getTableColumns(emailSuppressions), created: sql<boolean>`(xmax = 0)` });
  if (written) {
    const { created, ...suppression } = written;
    return { suppression, outcome: created ? 'created' : 'escalated' };
  }
  const existing = await findSuppression(db, request.workspaceId, request.address);
  if (!existing) throw new Error(`suppression of ${request.address} vanished while it was written`);
  return { suppression: existing, outcome: 'unchanged' };
}

/**
 * The address's entry on the workspace's list, or null; the address is matched
 * case-insensitively, and also by its `suppressionHash`: an erased customer's entry keeps
 * only the hash (`db/gdpr/erase-customer.ts`), and a later import of the same address must
 * still find it. Where both exist (the re-imported customer unsubscribed again), the entry
 * with the stronger reason answers, the plain one on a tie.
 */
export async function findSuppression(
  db: Executor,
  workspaceId: string,
  address: string,
): Promise<Suppression | null> {
  const normalized = normalizeAddress(address);
  const rows = await db
    .select()
    .from(emailSuppressions)
    .where(
      and(
        eq(emailSuppressions.workspaceId, workspaceId),
        inArray(emailSuppressions.address, [normalized, suppressionHash(normalized)]),
      ),
    );
  return strongest(rows, normalized);
}

function strongest(rows: Suppression[], plainAddress: string): Suppression | null {
  let best: Suppression | null = null;
  for (const row of rows)
    if (
      !best ||
      severity[row.reason] > severity[best.reason] ||
      (severity[row.reason] === severity[best.reason] && row.address === plainAddress)
    )
      best = row;
  return best;
}

const removeSchema = z.object({
  workspaceId: workspaceIdField,
  address: storedAddressSchema,
  /** Remove only an entry with one of these reasons (re-subscribing lifts an unsubscribe, never a bounce). */
  reasons: z
    .array(z.enum(suppressionReasons))
    .min(1)
    .default([...suppressionReasons]),
});

export type RemoveSuppressionInput = z.input<typeof removeSchema>;

/**
 * Takes an address off the list when its reason is one of `reasons`; returns the removed
 * entry, or null when there was none (or it has another reason: look it up to tell which).
 * The entry under the address's `suppressionHash` (left by an erasure) goes too: whoever
 * lifts the address (the person re-subscribing on the preference page, an admin) lifts it
 * whatever form it is kept in; otherwise the hash would block the address for good.
 */
export async function removeSuppression(
  db: Executor,
  input: RemoveSuppressionInput,
): Promise<Suppression | null> {
  const request = parseLedgerRequest(removeSchema, input);
  const removed = await db
    .delete(emailSuppressions)
    .where(
      and(
        eq(emailSuppressions.workspaceId, request.workspaceId),
        inArray(emailSuppressions.address, [request.address, suppressionHash(request.address)]),
        inArray(emailSuppressions.reason, request.reasons),
      ),
    )
    .returning();
  return strongest(removed, request.address);
}

const hardBounceSchema = z.object({
  workspaceId: workspaceIdField,
  address: z.string().min(1),
  smtpResponse: z.string().max(2000).nullish(),
  messageLogId: z.string().min(1).nullish(),
});

/**
 * A permanent (5xx) rejection of a recipient: the address goes on the list as `bounced`,
 * which stops every later mail to it, transactional included. Call it in the transaction
 * that marks the message failed. The SMTP response is kept as the entry's detail.
 */
export async function recordHardBounce(
  db: Executor,
  input: z.input<typeof hardBounceSchema>,
): Promise<SuppressAddressResult> {
  const request = parseLedgerRequest(hardBounceSchema, input);
  return suppressAddress(db, {
    workspaceId: request.workspaceId,
    address: request.address,
    reason: 'bounced',
    detail: request.smtpResponse ? request.smtpResponse.slice(0, 2000) : null,
    source: 'smtp_bounce',
    messageLogId: request.messageLogId ?? null,
  });
}

const listSchema = z.object({
  workspaceId: workspaceIdField,
  /** Part of the address, case-insensitive. */
  search: z.string().trim().max(254).optional(),
  reason: z.enum(suppressionReasons).optional(),
  /** The last address of the previous page (the list is ordered by address). */
  after: z.string().max(254).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export type ListSuppressionsInput = z.input<typeof listSchema>;

/** One page of the list in address order, with the cursor for the next page (null at the end). */
export async function listSuppressions(
  db: Executor,
  input: ListSuppressionsInput,
): Promise<{ items: Suppression[]; nextCursor: string | null }> {
  const request = parseLedgerRequest(listSchema, input);
  const search = request.search?.toLowerCase();
  const rows = await db
    .select()
    .from(emailSuppressions)
    .where(
      and(
        eq(emailSuppressions.workspaceId, request.workspaceId),
        search ? ilike(emailSuppressions.address, `%${search.replace(/[\\%_]/g, '\\$&')}%`) : undefined,
        request.reason ? eq(emailSuppressions.reason, request.reason) : undefined,
        request.after ? sql`${emailSuppressions.address} > ${request.after}` : undefined,
      ),
    )
    .orderBy(asc(emailSuppressions.address))
    .limit(request.limit + 1);
  const items = rows.slice(0, request.limit);
  return { items, nextCursor: rows.length > request.limit ? items[items.length - 1]!.address : null };
}
