import { TZDate } from '@date-fns/tz';
import type { Database } from '../../db/client';
import { newId } from '../../db/ids';
import { customers, workspaces } from '../../db/schema';

/** A fresh workspace per test: tests share one database and isolate by workspace. */
export async function createTestWorkspace(db: Database, name = 'Test workspace'): Promise<string> {
  const id = newId('ws');
  await db.insert(workspaces).values({ id, name });
  return id;
}

type TestCustomerOverrides = Partial<typeof customers.$inferInsert>;

/** A customer with an email unless `email: null` is asked for (typed so, for the many tests that mail them). */
export async function createTestCustomer<O extends TestCustomerOverrides = Record<never, never>>(
  db: Database,
  workspaceId: string,
  overrides: O = {} as O,
): Promise<typeof customers.$inferSelect & { email: O['email'] extends null ? null : string }> {
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
  return row as typeof customers.$inferSelect & { email: O['email'] extends null ? null : string };
}

/** A birth date ("YYYY-MM-DD") whose month-day is today in `timeZone` (29 Feb gets a leap year). */
export function birthdayToday(timeZone: string, birthYear = 1990): string {
  const local = new TZDate(Date.now(), timeZone);
  const monthDay = `${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
  return `${monthDay === '02-29' ? 1992 : birthYear}-${monthDay}`;
}

/** The local year in `timeZone`: the entry key of a birthday run. */
export function localYear(timeZone: string): string {
  return String(new TZDate(Date.now(), timeZone).getFullYear());
}
