import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../client';
import { newId } from '../ids';
import { customerIdField, parseLedgerRequest, workspaceIdField } from '../ledger/request-fields';
import { consentChanges, customers } from '../schema';
import { complianceSourceSchema, topicKeySchema } from './fields';

const consentChangeSchema = z.object({
  workspaceId: workspaceIdField,
  customerId: customerIdField,
  consent: z.boolean(),
  /** Null: marketing email as a whole; a key: that topic only. */
  topic: topicKeySchema.nullable().default(null),
  source: complianceSourceSchema,
  /** Defaults to the database's clock (the transaction's start). */
  at: z.date().optional(),
});

export type ConsentChangeInput = z.input<typeof consentChangeSchema>;

/**
 * Appends one line to the consent history. Call it in the transaction that changes the
 * consent it records: the proof and the state must never disagree.
 */
export async function recordConsentChange(tx: Executor, input: ConsentChangeInput): Promise<void> {
  const change = parseLedgerRequest(consentChangeSchema, input);
  await tx.insert(consentChanges).values({
    id: newId('cons'),
    workspaceId: change.workspaceId,
    customerId: change.customerId,
    consent: change.consent,
    topic: change.topic,
    source: change.source,
    at: change.at ?? sql`now()`,
  });
}

const setConsentSchema = z.object({
  workspaceId: workspaceIdField,
  customerId: customerIdField,
  consent: z.boolean(),
  source: complianceSourceSchema,
});

export type SetMarketingConsentInput = z.input<typeof setConsentSchema>;
export type SetMarketingConsentResult = 'changed' | 'unchanged' | 'not_found';

/**
 * Sets a customer's marketing consent with its source, and records the change in the
 * history, in one transaction (the caller's, or one of its own). Only a real change writes:
 * saying "no" twice keeps the time of the first "no", which is the moment an audit asks for.
 */
export async function setMarketingConsent(
  db: Executor,
  input: SetMarketingConsentInput,
): Promise<SetMarketingConsentResult> {
  const request = parseLedgerRequest(setConsentSchema, input);
  const scope = and(eq(customers.workspaceId, request.workspaceId), eq(customers.id, request.customerId));
  return db.transaction(async (tx) => {
    const [changed] = await tx
      .update(customers)
      .set({
        marketingConsent: request.consent,
        marketingConsentAt: sql`now()`,
        marketingConsentSource: request.source,
      })
      .where(and(scope, sql`${customers.marketingConsent} is distinct from ${request.consent}`))
      .returning({ at: customers.marketingConsentAt });
    if (changed) {
      await recordConsentChange(tx, {
        workspaceId: request.workspaceId,
        customerId: request.customerId,
        consent: request.consent,
        source: request.source,
        at: changed.at ?? undefined,
      });
      return 'changed';
    }
    const [existing] = await tx.select({ id: customers.id }).from(customers).where(scope);
    return existing ? 'unchanged' : 'not_found';
  });
}

export type ConsentChange = typeof consentChanges.$inferSelect;

/** A customer's consent history, newest first (the customer page, a GDPR export). */
export async function listConsentChanges(
  db: Executor,
  workspaceId: string,
  customerId: string,
  options: { limit?: number } = {},
): Promise<ConsentChange[]> {
  const query = db
    .select()
    .from(consentChanges)
    .where(and(eq(consentChanges.workspaceId, workspaceId), eq(consentChanges.customerId, customerId)))
    .orderBy(desc(consentChanges.at), desc(consentChanges.id));
  return options.limit ? query.limit(options.limit) : query;
}
