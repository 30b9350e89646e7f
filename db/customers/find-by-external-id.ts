import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../client';
import { customers } from '../schema';

export interface ExternalCustomer {
  /** Our opaque id, for the domain functions. */
  id: string;
  /** The shop's id: the only one the integration API shows. */
  externalId: string;
  /** Null for a customer known only from tracked events. */
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  locale: string;
  timeZone: string;
}

/**
 * The customer a shop knows by its own id, in this workspace only; null when there is none.
 * An erased customer (GDPR) is none: their tombstone's id is `erased:<random>`, and even
 * someone who learnt it must not read or act on the tombstone through the API.
 */
export async function findCustomerByExternalId(
  db: Executor,
  workspaceId: string,
  externalId: string,
): Promise<ExternalCustomer | null> {
  const [row] = await db
    .select({
      id: customers.id,
      externalId: customers.externalId,
      email: customers.email,
      firstName: customers.firstName,
      lastName: customers.lastName,
      locale: customers.locale,
      timeZone: customers.timeZone,
    })
    .from(customers)
    .where(
      and(
        eq(customers.workspaceId, workspaceId),
        eq(customers.externalId, externalId),
        isNull(customers.erasedAt),
      ),
    );
  return row ?? null;
}
