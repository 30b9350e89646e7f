import { and, eq, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { timeZoneSchema } from '../../config/time-zone';
import type { Executor } from '../client';
import { setMarketingConsent } from '../compliance/consent';
import { newId } from '../ids';
import { parseLedgerRequest } from '../ledger/request-fields';
import { customers, workspaces } from '../schema';

/** A BCP 47 language tag ("de", "de-AT"), stored in its canonical spelling. */
export const customerLocaleSchema = z
  .string()
  .trim()
  .max(35)
  .transform((tag, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical) return canonical;
    } catch {
      // Reported below.
    }
    ctx.addIssue({ code: 'custom', message: 'must be a language tag such as "de" or "de-AT"' });
    return z.NEVER;
  });

export const customerNameSchema = z.string().trim().max(100, 'must be at most 100 characters');

export const customerEmailSchema = z.email('must be an email address').max(254);

/** A calendar date that exists ("1990-05-17"); the year is kept, anniversaries use month and day. */
export const customerBirthdaySchema = z.iso
  .date('must be a date such as 1990-05-17')
  .refine((day) => day >= '1900-01-01', 'must be after 1900');

/** Free-form profile attributes; merged key by key into what is stored (a key sent as null clears it). */
export const customerAttributesSchema = z.record(z.string().max(200), z.unknown());

export const upsertCustomerRequestSchema = z.object({
  workspaceId: z.string().min(1),
  /** The shop's own id of the customer (`customers.external_id`). */
  externalId: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  email: customerEmailSchema.optional(),
  firstName: customerNameSchema.optional(),
  lastName: customerNameSchema.optional(),
  locale: customerLocaleSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  birthday: customerBirthdaySchema.optional(),
  attributes: customerAttributesSchema.optional(),
  /**
   * The shop's record of marketing consent (checkout checkbox, newsletter form). A change is
   * stored with its source and time and written to the consent history; it never lifts a
   * suppression: an address that unsubscribed by link stays unmailed until the customer
   * says yes on the preference page.
   */
  marketingConsent: z.boolean().optional(),
});

export type UpsertCustomerRequest = z.input<typeof upsertCustomerRequestSchema>;

export interface UpsertedCustomer {
  id: string;
  externalId: string;
  email: string | null;
  created: boolean;
}

export interface UpsertCustomerOptions {
  /**
   * Create an unknown customer even without an email (the tracking API: a `track` or
   * `identify` for a new user id). Off by default: the loyalty API refuses such a customer,
   * since the shop always knows the address of a buyer.
   */
  createWithoutEmail?: boolean;
  /** Where a consent in the request comes from (`consent_changes.source`); `api` unless said. */
  consentSource?: string;
}

/**
 * The customer the shop knows by `externalId` is new here and no email came with it: a
 * customer cannot be created without one (journeys mail them), so the caller must send it.
 */
export class CustomerEmailRequiredError extends Error {
  readonly field = 'email';
  constructor(readonly externalId: string) {
    super(`No customer "${externalId}" exists yet; send an email to create one.`);
    this.name = 'CustomerEmailRequiredError';
  }
}

/**
 * Finds the shop's customer by its own id, or creates them, and brings the profile fields
 * that came along up to date (the shop is the source of truth for them; fields left out
 * stay as they are). A new customer gets the workspace's language and time zone unless
 * given. One statement per case, so concurrent first orders of the same new customer
 * create one row: the unique (workspace, external id) index decides, not a prior read.
 * Pass the transaction that records what the customer did, so both happen or neither.
 */
export async function upsertCustomer(
  db: Executor,
  input: UpsertCustomerRequest,
  options: UpsertCustomerOptions = {},
): Promise<UpsertedCustomer> {
  const request = parseLedgerRequest(upsertCustomerRequestSchema, input);
  const columns = {
    ...(request.email !== undefined && { email: request.email }),
    ...(request.firstName !== undefined && { firstName: request.firstName || null }),
    ...(request.lastName !== undefined && { lastName: request.lastName || null }),
    ...(request.locale !== undefined && { locale: request.locale }),
    ...(request.timeZone !== undefined && { timeZone: request.timeZone }),
    ...(request.birthday !== undefined && { birthday: request.birthday }),
  };
  const attributes =
    request.attributes && Object.keys(request.attributes).length > 0
      ? JSON.stringify(request.attributes)
      : undefined;
  // Attributes are merged, never replaced: an identify sending { plan } keeps { favouriteShop }.
  const changes = {
    ...columns,
    ...(attributes !== undefined && { attributes: sql`${customers.attributes} || ${attributes}::jsonb` }),
  };
  const returned = {
    id: customers.id,
    externalId: customers.externalId,
    email: customers.email,
    // xmax is 0 exactly for a row this statement inserted (an update sets it).
    created: sql<boolean>`(xmax = 0)`,
  };
  const scope = and(
    eq(customers.workspaceId, request.workspaceId),
    eq(customers.externalId, request.externalId),
  );
  // Only a real change writes: every order repeats the profile, and an unchanged row needs no new version.
  const changed = or(
    ...Object.entries(columns).map(
      ([key, value]) => sql`${customers[key as keyof typeof columns]} is distinct from ${value}`,
    ),
    ...(attributes !== undefined
      ? [sql`(${customers.attributes} || ${attributes}::jsonb) is distinct from ${customers.attributes}`]
      : []),
  );

  let row: UpsertedCustomer | undefined;
  if (request.email === undefined && !options.createWithoutEmail) {
    // A plain UPDATE leaves xmax at 0 too, so `created` is answered here, not by the row.
    if (changed) {
      const [updated] = await db
        .update(customers)
        .set(changes)
        .where(and(scope, changed))
        .returning(returned);
      if (updated) row = { ...updated, created: false };
    }
  } else {
    const defaults = (column: 'default_locale' | 'time_zone') =>
      sql`(select ${sql.identifier(column)} from ${workspaces} where ${workspaces.id} = ${request.workspaceId})`;
    const insert = db.insert(customers).values({
      id: newId('cus'),
      workspaceId: request.workspaceId,
      externalId: request.externalId,
      email: request.email ?? null,
      firstName: request.firstName || null,
      lastName: request.lastName || null,
      birthday: request.birthday ?? null,
      attributes: request.attributes ?? {},
      locale: request.locale ?? defaults('default_locale'),
      timeZone: request.timeZone ?? defaults('time_zone'),
    });
    const target = [customers.workspaceId, customers.externalId];
    // Nothing to change (an identify without traits): an existing row is left alone, found below.
    [row] = await (Object.keys(changes).length === 0
      ? insert.onConflictDoNothing({ target }).returning(returned)
      : insert.onConflictDoUpdate({ target, set: changes, setWhere: changed }).returning(returned));
  }
  // Nothing inserted or changed: the customer exists as sent, or not at all.
  if (!row) {
    const [existing] = await db.select(returned).from(customers).where(scope);
    if (!existing) throw new CustomerEmailRequiredError(request.externalId);
    row = { ...existing, created: false };
  }
  if (request.marketingConsent !== undefined) {
    await setMarketingConsent(db, {
      workspaceId: request.workspaceId,
      customerId: row.id,
      consent: request.marketingConsent,
      source: options.consentSource ?? 'api',
    });
  }
  return row;
}
