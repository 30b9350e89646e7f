import { z } from 'zod';
import type { Executor } from '../client';
import { newId } from '../ids';
import { LedgerInputError } from '../ledger/errors';
import { parseLedgerRequest } from '../ledger/request-fields';
import { apiKeys } from '../schema';
import { displayPrefix, generateApiKey, hashApiKey } from './key-format';
import { apiKeyScopes, apiKeyScopeSchema, type ApiKeyScope } from './scopes';

export const apiKeyNameSchema = z
  .string()
  .trim()
  .min(1, 'name must not be empty')
  .max(80, 'name must be at most 80 characters');

export const apiKeyKindSchema = z.enum(['secret', 'write'], { error: 'kind must be "secret" or "write"' });

export const createApiKeyRequestSchema = z.object({
  workspaceId: z.string().min(1),
  name: apiKeyNameSchema,
  kind: apiKeyKindSchema,
  /** Defaults to every scope of the kind. */
  scopes: z.array(apiKeyScopeSchema).min(1, 'a key needs at least one scope').optional(),
});

export type CreateApiKeyRequest = z.input<typeof createApiKeyRequestSchema>;

export interface CreatedApiKey {
  id: string;
  /** The key itself: returned this once and never stored, so show it to the user now. */
  key: string;
  prefix: string;
  name: string;
  kind: 'secret' | 'write';
  scopes: ApiKeyScope[];
  createdAt: Date;
}

/** A new key for a workspace. Only its SHA-256 and a short prefix are kept. */
export async function createApiKey(db: Executor, input: CreateApiKeyRequest): Promise<CreatedApiKey> {
  const request = parseLedgerRequest(createApiKeyRequestSchema, input);
  const allowed: readonly string[] = apiKeyScopes[request.kind];
  const scopes = [...new Set(request.scopes ?? apiKeyScopes[request.kind])];
  const foreign = scopes.find((scope) => !allowed.includes(scope));
  if (foreign) throw new LedgerInputError('scopes', `"${foreign}" is not a scope of ${request.kind} keys`);

  const key = generateApiKey(request.kind);
  const [row] = await db
    .insert(apiKeys)
    .values({
      id: newId('key'),
      workspaceId: request.workspaceId,
      name: request.name,
      kind: request.kind,
      prefix: displayPrefix(key),
      keyHash: hashApiKey(key),
      scopes,
    })
    .returning({ id: apiKeys.id, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt });
  return {
    id: row!.id,
    key,
    prefix: row!.prefix,
    name: request.name,
    kind: request.kind,
    scopes: scopes as ApiKeyScope[],
    createdAt: row!.createdAt,
  };
}
