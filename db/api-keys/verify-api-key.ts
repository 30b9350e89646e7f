import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { apiKeys } from '../schema';
import { apiKeyKindOf, hashApiKey, type ApiKeyKind } from './key-format';

export interface VerifiedApiKey {
  apiKeyId: string;
  workspaceId: string;
  scopes: string[];
}

/** `last_used_at` is a hint for admins ("is this key still in use?"), not an audit log: one write a minute is plenty. */
const lastUsedResolutionMs = 60_000;

/**
 * The key's workspace and scopes, or null for anything that is not a live key of this kind
 * (malformed, unknown, revoked, or a write key where a secret key is needed). The lookup is
 * by hash, so no comparison of secrets happens in our code and timing reveals nothing.
 */
export async function verifyApiKey(
  db: Executor,
  rawKey: string,
  kind: ApiKeyKind,
): Promise<VerifiedApiKey | null> {
  if (apiKeyKindOf(rawKey) !== kind) return null;
  const [row] = await db
    .select({
      id: apiKeys.id,
      workspaceId: apiKeys.workspaceId,
      scopes: apiKeys.scopes,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(rawKey)), eq(apiKeys.kind, kind), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= lastUsedResolutionMs) {
    // Conditional in SQL too, so a burst of concurrent requests writes the row once.
    await db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(
        and(
          eq(apiKeys.id, row.id),
          eq(apiKeys.workspaceId, row.workspaceId),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
        ),
      );
  }
  return { apiKeyId: row.id, workspaceId: row.workspaceId, scopes: row.scopes };
}
