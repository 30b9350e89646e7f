import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../client';
import { apiKeys } from '../schema';

/**
 * Revokes a key of the workspace for good: it fails verification from the next request on.
 * Revoking twice keeps the first time. Null: no such key in this workspace.
 */
export async function revokeApiKey(
  db: Executor,
  workspaceId: string,
  apiKeyId: string,
): Promise<{ id: string; revokedAt: Date } | null> {
  const [revoked] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, apiKeyId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, revokedAt: apiKeys.revokedAt });
  if (revoked) return { id: revoked.id, revokedAt: revoked.revokedAt! };
  const [existing] = await db
    .select({ id: apiKeys.id, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, apiKeyId)));
  return existing?.revokedAt ? { id: existing.id, revokedAt: existing.revokedAt } : null;
}
