import { z } from 'zod';

/**
 * Opaque ids as they arrive from URLs. The charset is restricted because journey ids are
 * also spliced into Temporal visibility queries, where a quote would change the query.
 */
export const opaqueIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a valid id');
