import 'server-only';
import { requireEnv } from '../config/env';
import {
  createLinkToken,
  LinkTokenError,
  linkLifetimeSeconds,
  verifyLinkToken,
  type LinkClaims,
  type LinkPurpose,
} from '../emails/signed-link';
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

/**
 * A fresh signed link to a customer's own page, the same kind their emails carry, for an
 * admin to send them (support: "here is where you see your points").
 */
export function createCustomerLink(
  claims: { customerId: string; workspaceId: string },
  purpose: LinkPurpose,
): { url: string; expiresAt: Date } {
  const env = serverEnv();
  const secret = requireEnv(env, 'APP_SECRET');
  const now = new Date();
  const token = createLinkToken(secret, { ...claims, purpose }, now);
  const path = purpose === 'member' ? 'member' : 'unsubscribe';
  return {
    url: `${env.APP_URL.replace(/\/+$/, '')}/${path}/${token}`,
    expiresAt: new Date(now.getTime() + linkLifetimeSeconds[purpose] * 1000),
  };
}
