import type { Executor } from '../../db/client';
import { apiKeyKindOf, keyPrefixes, type ApiKeyKind } from '../../db/api-keys/key-format';
import { verifyApiKey, type VerifiedApiKey } from '../../db/api-keys/verify-api-key';
import { takeApiKeyRequest, takeFailedAuth } from '../rate-limit/public-limits';
import { ApiError } from './api-error';
import { clientIp } from './client-ip';

const realm = 'Loyalty API';

/**
 * The API key a request presents: `Authorization: Bearer sk_…`, or HTTP Basic with the key
 * as the username and an empty password (`curl -u sk_…:`), as Stripe does, so any HTTP
 * client's built-in auth works. Keys never travel in the URL, where logs would keep them.
 */
export function presentedKey(request: Request): string | null {
  const header = request.headers.get('authorization')?.trim();
  if (!header) return null;
  const [scheme, ...rest] = header.split(/\s+/);
  const credentials = rest.join(' ');
  if (/^bearer$/i.test(scheme ?? '')) return credentials;
  if (/^basic$/i.test(scheme ?? '')) {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon === -1 ? decoded : decoded.slice(0, colon);
  }
  return '';
}

/** The live key of `kind` behind the request, or a 401 that says what to send instead. */
export async function authenticate(
  db: Executor,
  request: Request,
  kind: ApiKeyKind,
): Promise<VerifiedApiKey> {
  try {
    return withinKeyLimit(await verifiedKey(db, request, kind));
  } catch (error) {
    // Only failures count per address: a busy shop behind one NAT is never slowed by its own success.
    if (error instanceof ApiError && error.status === 401) {
      const verdict = takeFailedAuth(clientIp(request.headers));
      if (!verdict.allowed)
        throw tooManyRequests(
          verdict.retryAfterSeconds,
          'requests without a valid API key from this address',
        );
    }
    throw error;
  }
}

/** The key itself, or a 429 once it is over its rate (server/rate-limit/public-limits.ts). */
export function withinKeyLimit(key: VerifiedApiKey): VerifiedApiKey {
  const verdict = takeApiKeyRequest(key.apiKeyId);
  if (!verdict.allowed) throw tooManyRequests(verdict.retryAfterSeconds, 'requests with this API key');
  return key;
}

function tooManyRequests(retryAfterSeconds: number, what: string): ApiError {
  return new ApiError(
    429,
    'rate_limited',
    `Too many ${what}. Try again in ${retryAfterSeconds} seconds.`,
    { retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

async function verifiedKey(db: Executor, request: Request, kind: ApiKeyKind): Promise<VerifiedApiKey> {
  const key = presentedKey(request);
  if (key === null) {
    throw unauthorized(
      'missing_api_key',
      `Send your ${kind} API key as "Authorization: Bearer ${keyPrefixes[kind]}…" (or as the HTTP Basic username).`,
      false,
    );
  }
  const presentedKind = apiKeyKindOf(key);
  if (presentedKind && presentedKind !== kind) {
    throw unauthorized(
      'wrong_api_key_kind',
      `This endpoint needs a ${kind} key (${keyPrefixes[kind]}…); a ${presentedKind} key (${keyPrefixes[presentedKind]}…) cannot call it.`,
      true,
    );
  }
  const verified = presentedKind ? await verifyApiKey(db, key, kind) : null;
  if (!verified) throw unauthorized('invalid_api_key', 'The API key is not valid or has been revoked.', true);
  return verified;
}

/** 403 for a valid key that lacks the scope (a read-only POS key writing, say). */
export function requireScope(key: VerifiedApiKey, scope: string): void {
  if (!key.scopes.includes(scope)) {
    throw new ApiError(403, 'insufficient_scope', `This API key does not have the "${scope}" scope.`, {
      requiredScope: scope,
    });
  }
}

function unauthorized(code: string, message: string, presented: boolean): ApiError {
  // RFC 6750 §3: no error attribute when no credentials came; invalid_token when they were wrong.
  const bearer = presented ? `Bearer realm="${realm}", error="invalid_token"` : `Bearer realm="${realm}"`;
  return new ApiError(401, code, message, {}, { 'WWW-Authenticate': `${bearer}, Basic realm="${realm}"` });
}
