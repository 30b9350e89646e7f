import 'server-only';
import { z } from 'zod';
import type { Database } from '../../db/client';
import type { ApiKeyKind } from '../../db/api-keys/key-format';
import type { ApiKeyScope } from '../../db/api-keys/scopes';
import { getDatabase } from '../database';
import { ApiError, invalidRequest, type ApiIssue } from './api-error';
import { authenticate, requireScope } from './authenticate';
import { domainErrorToApiError } from './domain-errors';
import { readJsonBody } from './read-json-body';

export interface EndpointContext<P, B> {
  db: Database;
  /** The key's workspace: every query of the handler filters by it. */
  workspaceId: string;
  apiKeyId: string;
  params: P;
  body: B;
  query: URLSearchParams;
  /** The `Idempotency-Key` header, when the endpoint takes one. */
  idempotencyKey: string | undefined;
}

export interface EndpointResult {
  status: number;
  body: unknown;
  /** True when an earlier identical request's result is answered again (header `Idempotent-Replayed`). */
  replayed?: boolean;
}

export interface EndpointSpec<PS extends z.ZodType, BS extends z.ZodType | undefined> {
  keyKind?: ApiKeyKind;
  scope: ApiKeyScope;
  params?: PS;
  /** Without a body schema the body is not read at all. */
  body?: BS;
  idempotencyKey?: 'required' | 'optional';
  /** Maps a domain error's field to the request's path ("email" → "customer.email"). */
  fieldPath?: (field: string) => string;
  handle: (
    context: EndpointContext<z.output<PS>, BS extends z.ZodType ? z.output<BS> : undefined>,
  ) => Promise<EndpointResult>;
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

/** Printable ASCII, like Stripe's: the key is stored and compared byte for byte. */
const idempotencyKeySchema = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/**
 * One route handler of the integration API, with every rule the endpoints share: the API
 * key (401/403), the body read within its size limit (413) and parsed (400 naming the
 * position), params and body checked by their schema (400 naming each field's path),
 * domain errors as 404/409/422 with stable codes, and `Cache-Control: no-store` on every
 * answer, since each one is about one workspace's members.
 */
export function apiEndpoint<
  PS extends z.ZodType = z.ZodType<Record<string, never>>,
  BS extends z.ZodType | undefined = undefined,
>(spec: EndpointSpec<PS, BS>): (request: Request, context: RouteContext) => Promise<Response> {
  return async (request, context) => {
    try {
      const db = getDatabase();
      const key = await authenticate(db, request, spec.keyKind ?? 'secret');
      requireScope(key, spec.scope);

      const params = spec.params ? parse(spec.params, await context.params) : {};
      const idempotencyKey = readIdempotencyKey(request, spec.idempotencyKey);
      const body = spec.body ? parse(spec.body, await readJsonBody(request)) : undefined;

      const result = await spec.handle({
        db,
        workspaceId: key.workspaceId,
        apiKeyId: key.apiKeyId,
        params: params as z.output<PS>,
        body: body as BS extends z.ZodType ? z.output<BS> : undefined,
        query: new URL(request.url).searchParams,
        idempotencyKey,
      });
      return json(result.status, result.body, result.replayed ? { 'Idempotent-Replayed': 'true' } : {});
    } catch (error) {
      const known = domainErrorToApiError(error, spec.fieldPath);
      if (known) return errorResponse(known);
      console.error('Loyalty API request failed:', request.method, new URL(request.url).pathname, error);
      return errorResponse(
        new ApiError(
          500,
          'internal_error',
          'Something went wrong on our side. Retrying the same request (with the same idempotency key or reference) is safe.',
        ),
      );
    }
  };
}

/**
 * Zod's issues as `{ path, message }`, one per offending field. An unknown field is
 * refused by name (strict objects), so a typo such as `orderref` is not silently ignored.
 */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input, {
    error: (issue) =>
      issue.input === undefined && issue.code === 'invalid_type' ? 'is required' : undefined,
  });
  if (result.success) return result.data;
  const issues: ApiIssue[] = result.error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: path ? `${path}.${key}` : key,
        message: 'is not a known field',
      }));
    }
    return [{ path, message: issue.message }];
  });
  throw invalidRequest(issues);
}

function readIdempotencyKey(request: Request, mode: EndpointSpec<z.ZodType, undefined>['idempotencyKey']) {
  const header = request.headers.get('idempotency-key') ?? undefined;
  if (mode === undefined) return undefined;
  if (header === undefined) {
    if (mode === 'optional') return undefined;
    throw new ApiError(400, 'idempotency_key_required', 'Send an Idempotency-Key header with this request.', {
      issues: [{ path: 'Idempotency-Key', message: 'is required' }],
    });
  }
  const parsed = idempotencyKeySchema.safeParse(header.trim());
  if (!parsed.success)
    throw invalidRequest([{ path: 'Idempotency-Key', message: parsed.error.issues[0]!.message }]);
  return parsed.data;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

function errorResponse(error: ApiError): Response {
  return json(
    error.status,
    { error: { code: error.code, message: error.message, ...error.details } },
    error.headers,
  );
}
