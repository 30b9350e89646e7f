import 'server-only';
import { verifyApiKey, type VerifiedApiKey } from '../../db/api-keys/verify-api-key';
import { ingestEvents } from '../../db/events/ingest-events';
import { getDatabase } from '../database';
import { ApiError } from '../http/api-error';
import { authenticate, presentedKey, requireScope, withinKeyLimit } from '../http/authenticate';
import { domainErrorToApiError } from '../http/domain-errors';
import { readJsonBody } from '../http/read-json-body';
import { maxRequestBytes, parseMessages, type IngestRoute } from './parse-messages';

const realm = 'Events API';

/**
 * A route handler of the Segment-compatible tracking API (docs/events-api.md): the write
 * key as the HTTP Basic username (or `writeKey` in the body, as Segment's browser library
 * sends it), the body within 500 KB, every message checked before any is stored, then all
 * stored in one transaction. `{ "success": true }` is Segment's answer, and its clients
 * look at nothing but the status; a repeated messageId is answered the same way.
 */
export function ingestEndpoint(route: IngestRoute): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const receivedAt = new Date();
      const db = getDatabase();
      // A key in the header is checked before the body is read: a wrong key costs no upload.
      const fromHeader = presentedKey(request) === null ? null : await authenticate(db, request, 'write');
      const body = await readJsonBody(request, maxRequestBytes);
      const key = fromHeader ?? (await keyFromBody(body));
      requireScope(key, 'events:write');

      const messages = parseMessages(route, body, receivedAt);
      await ingestEvents(db, key.workspaceId, messages);
      return json(200, { success: true });
    } catch (error) {
      const known = domainErrorToApiError(error);
      if (known)
        return json(
          known.status,
          { error: { code: known.code, message: known.message, ...known.details } },
          known.headers,
        );
      console.error('Events API request failed:', request.method, new URL(request.url).pathname, error);
      return json(500, {
        error: {
          code: 'internal_error',
          message:
            'Something went wrong on our side. Resending the same messages is safe: their messageIds are stored once.',
        },
      });
    }
  };

  async function keyFromBody(body: unknown): Promise<VerifiedApiKey> {
    const writeKey =
      typeof body === 'object' && body !== null ? (body as { writeKey?: unknown }).writeKey : undefined;
    if (typeof writeKey !== 'string' || writeKey === '') {
      throw unauthorized(
        'missing_api_key',
        'Send your write key (wk_…) as the HTTP Basic username, or as "writeKey" in the body.',
        false,
      );
    }
    const verified = await verifyApiKey(getDatabase(), writeKey, 'write');
    if (!verified)
      throw unauthorized('invalid_api_key', 'The write key is not valid or has been revoked.', true);
    return withinKeyLimit(verified);
  }
}

function unauthorized(code: string, message: string, presented: boolean): ApiError {
  const bearer = presented ? `Bearer realm="${realm}", error="invalid_token"` : `Bearer realm="${realm}"`;
  return new ApiError(401, code, message, {}, { 'WWW-Authenticate': `Basic realm="${realm}", ${bearer}` });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}
