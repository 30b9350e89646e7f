import { z } from 'zod';

/**
 * Where a consent change or a suppression came from: a known word (`api`, `import`,
 * `preference_page`, `admin`, `one_click_unsubscribe`, `unsubscribe_page`, `smtp_bounce`)
 * or one with a reference (`journey:jrn_…`). Kept short and machine-readable: it is evidence
 * in a consent audit, not prose.
 */
export const complianceSourceSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z_]*(:\S+)?$/, 'must be a word such as "api" or "journey:<id>"')
  .max(120, 'must be at most 120 characters');

/**
 * An address as the suppression list keys it: trimmed and lowercased. Mailbox local parts
 * are case-sensitive in theory, but no provider treats them so, and an unsubscribe must not
 * be dodged by "Anna@" versus "anna@".
 */
export const suppressionAddressSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('must be an email address').max(254, 'must be at most 254 characters'));

/**
 * Any address we may have mailed, normalised the same way but not judged: the list must
 * take the address a customer row holds, even one an older import let through, or an
 * unsubscribe could fail on it. New entries typed by an admin use the strict schema above.
 */
export const storedAddressSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'must not be empty')
  .max(320, 'must be at most 320 characters');

/** The suppression list's spelling of an address (for lookups of addresses already stored). */
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** A topic key as templates name it (`news`, `loyalty`, `vip_events`). */
export const topicKeySchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lowercase letters, digits and _ (such as "news")')
  .max(50, 'must be at most 50 characters');
