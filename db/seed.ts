import { TZDate } from '@date-fns/tz';
import type { Database } from './client';
import { newId } from './ids';
import { customers, workspaces } from './schema';
import { insertStarterTemplates } from './templates/starter-templates';

interface DemoCustomer {
  externalId: string;
  firstName: string;
  lastName: string;
  email: string;
  timeZone: string;
  locale: string;
  birthYear: number;
  /** Birthday today in the customer's own zone, or a fixed month-day. */
  birthday: 'today' | string;
  marketingConsent: boolean;
}

const demoCustomers: DemoCustomer[] = [
  {
    externalId: 'shop-1001',
    firstName: 'Anna',
    lastName: 'Schmidt',
    email: 'anna.schmidt@example.com',
    timeZone: 'Europe/Berlin',
    locale: 'de',
    birthYear: 1988,
    birthday: 'today',
    marketingConsent: true,
  },
  {
    externalId: 'shop-1002',
    firstName: 'Kenji',
    lastName: 'Tanaka',
    email: 'kenji.tanaka@example.com',
    timeZone: 'Asia/Tokyo',
    locale: 'en',
    birthYear: 1979,
    birthday: 'today',
    marketingConsent: true,
  },
  {
    externalId: 'shop-1003',
    firstName: 'Maria',
    lastName: 'Garcia',
    email: 'maria.garcia@example.com',
    timeZone: 'America/Los_Angeles',
    locale: 'en',
    birthYear: 1995,
    birthday: 'today',
    marketingConsent: true,
  },
  {
    externalId: 'shop-1004',
    firstName: 'Lukas',
    lastName: 'Huber',
    email: 'lukas.huber@example.com',
    timeZone: 'Europe/Vienna',
    locale: 'de',
    birthYear: 1991,
    birthday: 'today',
    marketingConsent: false,
  },
  {
    externalId: 'shop-1005',
    firstName: 'Olivia',
    lastName: 'Brown',
    email: 'olivia.brown@example.com',
    timeZone: 'Europe/London',
    locale: 'en',
    birthYear: 1984,
    birthday: '03-14',
    marketingConsent: true,
  },
  {
    externalId: 'shop-1006',
    firstName: 'Jonas',
    lastName: 'Weber',
    email: 'jonas.weber@example.com',
    timeZone: 'Europe/Berlin',
    locale: 'de',
    birthYear: 1999,
    birthday: '07-02',
    marketingConsent: true,
  },
  {
    externalId: 'shop-1007',
    firstName: 'Aroha',
    lastName: 'Ngata',
    email: 'aroha.ngata@example.com',
    timeZone: 'Pacific/Auckland',
    locale: 'en',
    birthYear: 1990,
    birthday: '02-29',
    marketingConsent: true,
  },
  {
    externalId: 'shop-1008',
    firstName: 'Sophie',
    lastName: 'Martin',
    email: 'sophie.martin@example.com',
    timeZone: 'Europe/Paris',
    locale: 'en',
    birthYear: 1987,
    birthday: '12-24',
    marketingConsent: true,
  },
];

/** Today's date in `timeZone`, as "MM-DD". */
function localMonthDay(now: Date, timeZone: string): string {
  const local = new TZDate(now.getTime(), timeZone);
  return `${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
}

/**
 * The demo workspace on first start: customers in several time zones, four of them with
 * their birthday today in their own zone (one without marketing consent, to show the
 * suppression), and the starter email templates. Does nothing when any workspace exists,
 * so a restart keeps what the user changed.
 */
export async function seedDemoData(
  db: Database,
  now = new Date(),
): Promise<{ seeded: boolean; workspaceId?: string }> {
  const existing = await db.select({ id: workspaces.id }).from(workspaces).limit(1);
  if (existing.length > 0) return { seeded: false };
  return db.transaction(async (tx) => {
    const workspaceId = newId('ws');
    await tx
      .insert(workspaces)
      .values({ id: workspaceId, name: 'Demo Shop', defaultLocale: 'en', timeZone: 'Europe/Berlin' });
    await tx.insert(customers).values(
      demoCustomers.map((c) => {
        const monthDay = c.birthday === 'today' ? localMonthDay(now, c.timeZone) : c.birthday;
        // A 29 February birthday needs a leap birth year.
        const year = monthDay === '02-29' ? 1992 : c.birthYear;
        return {
          id: newId('cus'),
          workspaceId,
          externalId: c.externalId,
          email: c.email,
          firstName: c.firstName,
          lastName: c.lastName,
          birthday: `${year}-${monthDay}`,
          timeZone: c.timeZone,
          locale: c.locale,
          marketingConsent: c.marketingConsent,
          marketingConsentAt: c.marketingConsent ? now : null,
        };
      }),
    );
    await insertStarterTemplates(tx, workspaceId);
    return { seeded: true, workspaceId };
  });
}
