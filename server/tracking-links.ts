import 'server-only';
import { requireEnv } from '../config/env';
import { TrackingTokenError, verifyTrackingToken, type TrackingClaims } from '../emails/tracking-token';
import { serverEnv } from './env';

/**
 * The claims of a tracking token from an email's pixel or link, or null when it is not one
 * of ours (tampered, truncated by a mail client, or of another installation's secret).
 */
export function verifyTrackingLink(token: string): TrackingClaims | null {
  const secret = requireEnv(serverEnv(), 'APP_SECRET');
  try {
    return verifyTrackingToken(secret, decodeURIComponent(token));
  } catch (error) {
    // decodeURIComponent throws URIError on a broken %-sequence: just another bad token.
    if (error instanceof TrackingTokenError || error instanceof URIError) return null;
    throw error;
  }
}
