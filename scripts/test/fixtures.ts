import { TZDate } from '@date-fns/tz';
import type { Database } from '../../db/client';
import { insertDefaultTopics } from '../../db/compliance/topics';
import { newId } from '../../db/ids';
import {
  customers,
  emailTemplates,
  emailTemplateVariants,
  emailTemplateVersions,
  workspaces,
} from '../../db/schema';

/**
 * A fresh workspace per test: tests share one database and isolate by workspace. It has the
 * default email topics, as every real workspace does.
 */
export async function createTestWorkspace(db: Database, name = 'Test workspace'): Promise<string> {
  const id = newId('ws');
  await db.insert(workspaces).values({ id, name });
  await insertDefaultTopics(db, id);
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

export interface TestTemplateContent {
  subject: string;
  mjml: string;
  preheader?: string;
}

/**
 * A template with version 1 published and live, as sends need: the draft and the version
 * hold the same content. `variants` adds languages to both.
 */
export async function createTestTemplate(
  db: Database,
  workspaceId: string,
  content: TestTemplateContent & {
    name?: string;
    category?: 'marketing' | 'transactional';
    topic?: string | null;
    locale?: string;
    variants?: Record<string, TestTemplateContent>;
  },
): Promise<string> {
  const id = newId('tpl');
  const locale = content.locale ?? 'en';
  const category = content.category ?? 'marketing';
  const topic = content.topic ?? null;
  const preheader = content.preheader ?? '';
  const variants = Object.fromEntries(
    Object.entries(content.variants ?? {}).map(([l, v]) => [l, { ...v, preheader: v.preheader ?? '' }]),
  );
  await db.transaction(async (tx) => {
    await tx.insert(emailTemplates).values({
      id,
      workspaceId,
      name: content.name ?? `Template ${id}`,
      subject: content.subject,
      mjml: content.mjml,
      preheader,
      locale,
      category,
      topic,
      liveVersion: 1,
    });
    for (const [l, v] of Object.entries(variants))
      await tx
        .insert(emailTemplateVariants)
        .values({ id: newId('tplv'), workspaceId, templateId: id, locale: l, ...v });
    await tx.insert(emailTemplateVersions).values({
      id: newId('tplver'),
      workspaceId,
      templateId: id,
      version: 1,
      locale,
      subject: content.subject,
      preheader,
      mjml: content.mjml,
      category,
      topic,
      variants,
    });
  });
  return id;
}
