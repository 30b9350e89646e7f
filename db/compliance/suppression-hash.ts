import { createHash } from 'node:crypto';

/**
 * How an erased customer's address stays on the suppression list without being kept:
 * `sha256:` + the hex SHA-256 of the trimmed, lower-cased address (`db/gdpr/erase-customer.ts`
 * rewrites the entry so). An import of the same address later (a shop re-syncing its
 * customer list) hashes to the same value, so `findSuppression` still refuses to mail
 * someone who asked to be forgotten after unsubscribing or bouncing; the address itself
 * cannot be read back from it. Lower-case hex, so it satisfies the list's lowercase check,
 * and it never looks like an address (no `@`), so it cannot collide with one.
 */
export function suppressionHash(email: string): string {
  return `sha256:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
}
