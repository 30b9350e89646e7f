import { createHmac, timingSafeEqual } from 'node:crypto';
import { minimumSecretLength } from './signed-link';

/**
 * Signed tokens for the open pixel and the click redirects in sent emails.
 *
 * A click token carries the target URL itself, signed: the redirect endpoint then needs no
 * lookup to know where to send the reader (it works even while the database is away), and
 * it can never be turned into an open redirect, because only URLs we put into an email
 * verify. No expiry: a link in a year-old email must still lead to the shop.
 *
 * Format: `<payload>.<tag>`, both base64url without padding. The payload is UTF-8 text,
 * `o\n<messageLogId>` or `c\n<messageLogId>\n<linkIndex>\n<url>` (the URL last, so it may
 * hold any character); the tag is HMAC-SHA256 over the encoded payload, truncated to 128
 * bits (plenty against forgery, and 21 characters shorter per link), under a key derived
 * from APP_SECRET with a label of its own, so a tracking token never verifies as a
 * member/unsubscribe link (emails/signed-link.ts) or the other way round.
 */

export type TrackingClaims =
  | { kind: 'open'; messageLogId: string }
  | { kind: 'click'; messageLogId: string; linkIndex: number; url: string };

export class TrackingTokenError extends Error {
  override readonly name = 'TrackingTokenError';
}

const keyLabel = 'email-tracking.v1';
const tagBytes = 16;
/** Our ids are `prefix_` + 16 characters; a little room for other id shapes. */
const messageLogIdPattern = /^[A-Za-z0-9_-]{1,64}$/;
const base64url = /^[A-Za-z0-9_-]+$/;
/** Far above any real email's link count; bounds what a forged-but-valid-looking payload may claim. */
export const maxLinkIndex = 9_999;

let derived: { secret: string; key: Buffer } | undefined;

/** Derived once per secret (one HMAC), not per link: addTracking signs every link of every email. */
function trackingKey(secret: string): Buffer {
  if (derived?.secret === secret) return derived.key;
  if (secret.length < minimumSecretLength) {
    throw new Error(`The tracking secret must be at least ${minimumSecretLength} characters long`);
  }
  const key = createHmac('sha256', secret).update(keyLabel).digest();
  derived = { secret, key };
  return key;
}

function tag(key: Buffer, encodedPayload: string): Buffer {
  return createHmac('sha256', key).update(encodedPayload).digest().subarray(0, tagBytes);
}

export function createTrackingToken(secret: string, claims: TrackingClaims): string {
  const key = trackingKey(secret);
  if (!messageLogIdPattern.test(claims.messageLogId)) {
    throw new Error(`messageLogId "${claims.messageLogId}" is not a message log id`);
  }
  let payload: string;
  if (claims.kind === 'open') {
    payload = `o\n${claims.messageLogId}`;
  } else {
    if (!Number.isInteger(claims.linkIndex) || claims.linkIndex < 0 || claims.linkIndex > maxLinkIndex) {
      throw new Error(`linkIndex must be an integer from 0 to ${maxLinkIndex}`);
    }
    payload = `c\n${claims.messageLogId}\n${claims.linkIndex}\n${claims.url}`;
  }
  const encoded = Buffer.from(payload, 'utf8').toString('base64url');
  return `${encoded}.${tag(key, encoded).toString('base64url')}`;
}

/** The token's claims if we made it and nobody changed it; else a TrackingTokenError. */
export function verifyTrackingToken(secret: string, token: string): TrackingClaims {
  const key = trackingKey(secret);
  const dot = token.indexOf('.');
  const encoded = token.slice(0, dot);
  const signature = token.slice(dot + 1);
  if (dot <= 0 || !base64url.test(encoded) || !base64url.test(signature)) {
    throw new TrackingTokenError('The tracking token is malformed');
  }
  const given = Buffer.from(signature, 'base64url');
  const expected = tag(key, encoded);
  // Checked before the payload is read, in constant time: a forger learns nothing from timing.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new TrackingTokenError('The tracking token has an invalid signature');
  }
  // Only our own payloads get here, so anything odd below is a bug, but it is still refused.
  const payload = Buffer.from(encoded, 'base64url').toString('utf8');
  const [kind, messageLogId = '', index, ...rest] = payload.split('\n');
  if (!messageLogIdPattern.test(messageLogId)) {
    throw new TrackingTokenError('The tracking token names no message');
  }
  if (kind === 'o' && index === undefined) return { kind: 'open', messageLogId };
  const linkIndex = Number(index);
  if (kind === 'c' && /^\d{1,4}$/.test(index ?? '') && linkIndex <= maxLinkIndex && rest.length > 0) {
    return { kind: 'click', messageLogId, linkIndex, url: rest.join('\n') };
  }
  throw new TrackingTokenError('The tracking token payload is invalid');
}
