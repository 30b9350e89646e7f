import { z } from 'zod';
import { TokenBuckets, type Verdict } from './token-bucket';

/**
 * The limits on what the internet can call without signing in (the sign-in endpoint has its
 * own, in server/auth/auth.ts). Built on first use, so API_RATE_LIMIT_PER_MINUTE is read
 * from the environment the route runs in.
 */
const holder = globalThis as typeof globalThis & {
  __journeyPublicLimits?: {
    perApiKey: TokenBuckets;
    failedAuthPerIp: TokenBuckets;
    perCustomerLink: TokenBuckets;
  };
};

const perMinuteSchema = z.coerce.number().int().min(1).default(6_000);

function limits() {
  if (!holder.__journeyPublicLimits) {
    const perMinute = perMinuteSchema.parse(process.env.API_RATE_LIMIT_PER_MINUTE || undefined);
    holder.__journeyPublicLimits = {
      // A shop's or POS's key: 100 requests/s sustained by default, a burst of a sixth of a minute's worth.
      perApiKey: new TokenBuckets({ perMinute, burst: Math.max(10, Math.ceil(perMinute / 6)) }),
      // Wrong or missing keys from one address: someone guessing keys, or a misconfigured client.
      failedAuthPerIp: new TokenBuckets({ perMinute: 30, burst: 30 }),
      // One customer's signed link (member page actions, one-click unsubscribe, preferences):
      // far above a person clicking, far below a script hammering the database through it.
      perCustomerLink: new TokenBuckets({ perMinute: 30, burst: 20 }),
    };
  }
  return holder.__journeyPublicLimits;
}

export function takeApiKeyRequest(apiKeyId: string): Verdict {
  return limits().perApiKey.take(apiKeyId);
}

export function takeFailedAuth(ip: string | null): Verdict {
  return limits().failedAuthPerIp.take(ip ?? 'unknown');
}

export function takeCustomerLinkRequest(token: string): Verdict {
  return limits().perCustomerLink.take(token);
}

/** The 429 a customer-facing endpoint answers, plain text like its other answers. */
export function tooManyRequestsText(verdict: { retryAfterSeconds: number }): Response {
  return new Response(
    `Too many requests for this link. Try again in ${verdict.retryAfterSeconds} seconds.\n`,
    {
      status: 429,
      headers: { 'Retry-After': String(verdict.retryAfterSeconds), 'Cache-Control': 'no-store' },
    },
  );
}
