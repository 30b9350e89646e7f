import 'server-only';
import { requireEnv } from '../config/env';
import { LinkTokenError, verifyLinkToken, type LinkClaims, type LinkPurpose } from '../emails/signed-link';
import { serverEnv } from './env';

/**
 * The claims of a link from a customer email, or null when the link is not (or no longer)
 * valid. Customers see one friendly page for every such case; why it failed is no business
 * of whoever holds the link.
 */
export function verifyCustomerLink(token: string, purpose: LinkPurpose): LinkClaims | null {
  const secret = requireEnv(serverEnv(), 'APP_SECRET');
  try {
    return verifyLinkToken(secret, decodeURIComponent(token), purpose);
  } catch (error) {
    if (error instanceof LinkTokenError) return null;
    throw error;
  }
}
