import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { apiKeys } from '../schema';

export interface ApiKeyView {
  id: string;
  name: string;
  kind: 'secret' | 'write';
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The workspace's keys, live ones first, newest first; never the key or its hash. */
export async function listApiKeys(db: Executor, workspaceId: string): Promise<ApiKeyView[]> {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      kind: apiKeys.kind,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(sql`${apiKeys.revokedAt} is not null`, desc(apiKeys.createdAt), asc(apiKeys.id));
}
