import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Signed, expiring tokens for the links in customer emails (member page, unsubscribe).
 * A bare customer id in a URL would let anyone who guesses or is forwarded it act as the
 * customer; a token proves we issued the link, for whom, for what, and until when.
 *
 * Format: `<payload>.<signature>`, both base64url without padding. The payload is the JSON
 * `{ customerId, workspaceId, purpose, exp }` (exp in seconds since the epoch); the
 * signature is HMAC-SHA256 over a versioned prefix plus the encoded payload, so a token of
 * a later format can never verify as this one.
 */

export const linkPurposes = ['member', 'unsubscribe'] as const;
export type LinkPurpose = (typeof linkPurposes)[number];

/** Long enough to read the points a while after the mail; unsubscribe must work for a year (and more in practice). */
export const linkLifetimeSeconds: Record<LinkPurpose, number> = {
  member: 30 * 24 * 60 * 60,
  unsubscribe: 365 * 24 * 60 * 60,
};

export const minimumSecretLength = 32;

export interface LinkClaims {
  customerId: string;
  workspaceId: string;
  purpose: LinkPurpose;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

const claimsSchema = z.strictObject({
  customerId: z.string().min(1),
  workspaceId: z.string().min(1),
  purpose: z.enum(linkPurposes),
  exp: z.number().int().positive(),
});

export type LinkTokenErrorCode = 'malformed' | 'bad_signature' | 'expired' | 'wrong_purpose';

export class LinkTokenError extends Error {
  override readonly name = 'LinkTokenError';

  constructor(
    readonly code: LinkTokenErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const signatureContext = 'journey-link.v1.';

function sign(secret: string, encodedPayload: string): Buffer {
  return createHmac('sha256', secret)
    .update(signatureContext + encodedPayload)
    .digest();
}

function assertSecret(secret: string): void {
  // A short secret would make the signatures guessable; fail at the call site, not in production.
  if (secret.length < minimumSecretLength) {
    throw new Error(`The link secret must be at least ${minimumSecretLength} characters long`);
  }
}

export function createLinkToken(
  secret: string,
  claims: { customerId: string; workspaceId: string; purpose: LinkPurpose },
  now: Date = new Date(),
): string {
  assertSecret(secret);
  const payload: LinkClaims = {
    customerId: claims.customerId,
    workspaceId: claims.workspaceId,
    purpose: claims.purpose,
    exp: Math.floor(now.getTime() / 1000) + linkLifetimeSeconds[claims.purpose],
  };
  const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${encoded}.${sign(secret, encoded).toString('base64url')}`;
}

const base64url = /^[A-Za-z0-9_-]+$/;

/** The token's claims if it is ours, unaltered, unexpired and for `purpose`; else a LinkTokenError. */
export function verifyLinkToken(
  secret: string,
  token: string,
  purpose: LinkPurpose,
  now: Date = new Date(),
): LinkClaims {
  assertSecret(secret);
  const parts = token.split('.');
  const [encoded, signature] = parts;
  if (
    parts.length !== 2 ||
    !encoded ||
    !signature ||
    !base64url.test(encoded) ||
    !base64url.test(signature)
  ) {
    throw new LinkTokenError('malformed', 'The link token is malformed');
  }
  const expected = sign(secret, encoded);
  const given = Buffer.from(signature, 'base64url');
  // Checked before parsing anything, in constant time, so a forger learns nothing from timing.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new LinkTokenError('bad_signature', 'The link token has an invalid signature');
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    throw new LinkTokenError('malformed', 'The link token payload is not JSON');
  }
  const parsed = claimsSchema.safeParse(json);
  if (!parsed.success) throw new LinkTokenError('malformed', 'The link token payload is invalid');
  const claims = parsed.data;
  if (claims.purpose !== purpose) {
    throw new LinkTokenError('wrong_purpose', `The link token is for ${claims.purpose}, not ${purpose}`);
  }
  if (claims.exp * 1000 <= now.getTime()) {
    throw new LinkTokenError('expired', 'The link has expired');
  }
  return claims;
}
