import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { emailTemplateVersions } from '../schema';

export type TemplateVersionRow = typeof emailTemplateVersions.$inferSelect;

/**
 * Published template versions by (workspace, template, version). A version is immutable
 * once written, so a cached row can never be stale; the bound only caps memory (least
 * recently used out first). Saves the send activity a query per mail.
 */
export function createTemplateVersionCache(maxEntries = 500) {
  const cache = new Map<string, TemplateVersionRow>();
  return {
    async get(
      db: Executor,
      workspaceId: string,
      templateId: string,
      version: number,
    ): Promise<TemplateVersionRow | undefined> {
      const key = `${workspaceId}\0${templateId}\0${version}`;
      const hit = cache.get(key);
      if (hit) {
        cache.delete(key);
        cache.set(key, hit);
        return hit;
      }
      const [row] = await db
        .select()
        .from(emailTemplateVersions)
        .where(
          and(
            eq(emailTemplateVersions.workspaceId, workspaceId),
            eq(emailTemplateVersions.templateId, templateId),
            eq(emailTemplateVersions.version, version),
          ),
        );
      if (!row) return undefined;
      cache.set(key, row);
      for (const oldest of cache.keys()) {
        if (cache.size <= maxEntries) break;
        cache.delete(oldest);
      }
      return row;
    },
  };
}
