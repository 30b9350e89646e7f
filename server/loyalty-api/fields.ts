import { z } from 'zod';
import type { Executor } from '../../db/client';
import { findCustomerByExternalId, type ExternalCustomer } from '../../db/customers/find-by-external-id';
import { upsertCustomerRequestSchema } from '../../db/customers/upsert-customer';
import { ApiError } from '../http/api-error';

/** The shop's own customer id (`customers.external_id`), which is all the API ever names customers by. */
export const externalCustomerIdSchema = upsertCustomerRequestSchema.shape.externalId;

/** A path segment naming an order, voucher or reward: non-empty and short. */
export const pathSegment = (max: number) =>
  z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** The customer a path or body names, in the key's workspace; 404 when there is none (another workspace's reads the same). */
export async function requireExternalCustomer(
  db: Executor,
  workspaceId: string,
  externalId: string,
): Promise<ExternalCustomer> {
  const customer = await findCustomerByExternalId(db, workspaceId, externalId);
  if (!customer) throw new ApiError(404, 'customer_not_found', `No customer with id "${externalId}" exists.`);
  return customer;
}

/** How a tier appears in answers. */
export function presentTier<T extends { id: string; name: string }>(tier: T | null) {
  return tier && { id: tier.id, name: tier.name };
}
