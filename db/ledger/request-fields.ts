import { z } from 'zod';
import { LedgerInputError } from './errors';

/**
 * Keys the ledger writes for itself (one per expiring lot) start with this prefix; callers
 * may not use it, so a caller's key can never block or impersonate a system write.
 */
export const systemKeyPrefix = 'system:';

/** The largest single write: far below the 32-bit balance column, so sums cannot overflow it by accident. */
export const maxPointsPerWrite = 100_000_000;

export const workspaceIdField = z.string().min(1);
export const customerIdField = z.string().min(1);
export const idempotencyKeyField = z
  .string()
  .min(1)
  .max(300)
  .refine((key) => !key.startsWith(systemKeyPrefix), `keys starting with "${systemKeyPrefix}" are reserved`);
export const reasonField = z.string().trim().min(1, 'a reason is required').max(200);
export const sourceField = z.record(z.string(), z.unknown()).default({});
export const orderRefField = z.string().trim().min(1).max(200);

/** Validates at the boundary of an operation; the first issue names the field, nothing is written. */
export function parseLedgerRequest<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LedgerInputError(issue.path.join('.') || 'request', issue.message);
  }
  return parsed.data;
}
