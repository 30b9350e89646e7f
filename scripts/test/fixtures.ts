import type { Database } from '../../db/client';
import { newId } from '../../db/ids';
import { customers, workspaces } from '../../db/schema';

/** A fresh workspace per test: tests share one database and isolate by workspace. */
export async function createTestWorkspace(db: Database, name = 'Test workspace'): Promise<string> {
  const id = newId('ws');
  await db.insert(workspaces).values({ id, name });
  return id;
}

export async function createTestCustomer(
  db: Database,
  workspaceId: string,
  overrides: Partial<typeof customers.$inferInsert> = {},
): Promise<typeof customers.$inferSelect> {
  const id = newId('cus');
  const [row] = await db
    .insert(customers)
    .values({
      id,
      workspaceId,
      externalId: overrides.externalId ?? id,
      email: overrides.email ?? `${id}@example.test`,
      firstName: 'Test',
      lastName: 'Customer',
      marketingConsent: true,
      ...overrides,
    })
    .returning();
  return row!;
}
