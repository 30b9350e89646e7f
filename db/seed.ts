import { TZDate } from '@date-fns/tz';
import { and, eq } from 'drizzle-orm';
import type { Database } from './client';
import { recordConsentChange } from './compliance/consent';
import { insertDefaultTopics } from './compliance/topics';
import { newId } from './ids';
import { recordOrder } from './orders/record-order';
import { evaluateSegment } from './segments/evaluate-segment';
import { createSegment } from './segments/save-segment';
import type { EarnRules } from './program/earn-rules';
import { customers, loyaltyPrograms, rewards, tiers, workspaces } from './schema';
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

/** A program like the ones our users run: 1 point per euro, actions with caps, three tiers. */
const demoEarnRules: EarnRules = {
  purchase: {
    enabled: true,
    pointsPerUnit: 1,
    rounding: 'floor',
    excludedCategories: ['gift-cards'],
    excludedSkus: [],
    bonuses: [{ minOrderAmount: 100_00, points: 50 }],
  },
  actions: [
    { action: 'signup', points: 50, cap: { count: 1, period: 'lifetime' } },
    { action: 'newsletter_opt_in', points: 25, cap: { count: 1, period: 'lifetime' } },
    { action: 'review', points: 20, cap: { count: 5, period: 'month' } },
    { action: 'referral', points: 200, cap: null },
  ],
  birthdayBonus: 100,
};

const demoTiers = [
  { name: 'Bronze', threshold: 0, multiplierPercent: 100, perks: 'Birthday bonus, member prices' },
  { name: 'Silver', threshold: 500, multiplierPercent: 125, perks: 'Points ×1.25, free shipping from 30 €' },
  {
    name: 'Gold',
    threshold: 1500,
    multiplierPercent: 150,
    perks: 'Points ×1.5, free shipping, early access to sales',
  },
];

/** Orders of customers no journey spec touches, so the member page has history and tiers to show. */
const demoOrders: Array<{ externalId: string; orderRef: string; amount: number; daysAgo: number }> = [
  { externalId: 'shop-1008', orderRef: 'DEMO-10001', amount: 89_90, daysAgo: 40 },
  { externalId: 'shop-1008', orderRef: 'DEMO-10002', amount: 249_00, daysAgo: 12 },
  { externalId: 'shop-1008', orderRef: 'DEMO-10003', amount: 219_50, daysAgo: 3 },
  { externalId: 'shop-1007', orderRef: 'DEMO-10004', amount: 1_240_00, daysAgo: 60 },
  { externalId: 'shop-1007', orderRef: 'DEMO-10005', amount: 399_00, daysAgo: 8 },
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
  const seeded = await db.transaction(async (tx) => {
    const workspaceId = newId('ws');
    await tx.insert(workspaces).values({
      id: workspaceId,
      name: 'Demo Shop',
      defaultLocale: 'en',
      timeZone: 'Europe/Berlin',
      postalAddress: 'Demo Shop GmbH · Musterstraße 1 · 10115 Berlin · Germany',
    });
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
          marketingConsentSource: c.marketingConsent ? 'import' : null,
        };
      }),
    );
    // The seeded consent has its history line like any other, so the demo shows the real shape.
    const consenting = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.workspaceId, workspaceId), eq(customers.marketingConsent, true)));
    for (const { id } of consenting)
      await recordConsentChange(tx, {
        workspaceId,
        customerId: id,
        consent: true,
        source: 'import',
        at: now,
      });
    await insertStarterTemplates(tx, workspaceId);
    await insertDefaultTopics(tx, workspaceId);
    await tx.insert(loyaltyPrograms).values({
      workspaceId,
      pointsExpiry: { kind: 'months', months: 24 },
      earnRules: demoEarnRules,
      tierSettings: { basis: 'points', windowMonths: 12, reviewPeriod: 'year' },
      expiringNoticeDays: 30,
    });
    const tierIds = new Map<string, string>();
    for (const tier of demoTiers) {
      const id = newId('tier');
      tierIds.set(tier.name, id);
      await tx.insert(tiers).values({ id, workspaceId, ...tier });
    }
    await tx.insert(rewards).values(
      [
        {
          name: '5 € voucher',
          kind: 'discount_fixed' as const,
          value: 5_00,
          pointsCost: 500,
          voucherValidDays: 90,
        },
        {
          name: '10 % off your next order',
          kind: 'discount_percent' as const,
          value: 10,
          pointsCost: 900,
          voucherValidDays: 60,
          minTierId: tierIds.get('Silver')!,
        },
        {
          name: 'Free tote bag',
          kind: 'free_product' as const,
          productSku: 'TOTE-BAG',
          pointsCost: 300,
          stockRemaining: 50,
          perCustomerLimit: 1,
        },
        { name: '25 € gift card', kind: 'gift_card' as const, value: 25_00, pointsCost: 2_500 },
        {
          name: 'VIP evening at the flagship store',
          kind: 'experience' as const,
          description: 'Drinks, a stylist and first pick of the new collection.',
          pointsCost: 3_000,
          stockRemaining: 20,
          perCustomerLimit: 1,
          minTierId: tierIds.get('Gold')!,
        },
      ].map((reward) => ({ id: newId('rwd'), workspaceId, ...reward })),
    );
    return { seeded: true, workspaceId };
  });
  // Orders go through the program's rules like any shop order (each its own transaction).
  const byExternalId = new Map(
    (
      await db
        .select({ id: customers.id, externalId: customers.externalId })
        .from(customers)
        .where(eq(customers.workspaceId, seeded.workspaceId))
    ).map((c) => [c.externalId, c.id]),
  );
  for (const order of demoOrders) {
    await recordOrder(db, {
      workspaceId: seeded.workspaceId,
      customerId: byExternalId.get(order.externalId)!,
      orderRef: order.orderRef,
      amount: order.amount,
      currency: 'EUR',
      placedAt: new Date(now.getTime() - order.daysAgo * 86_400_000),
    });
  }
  // Segments a marketer starts from, evaluated now so their member counts are real.
  const gold = await db
    .select({ id: tiers.id })
    .from(tiers)
    .where(and(eq(tiers.workspaceId, seeded.workspaceId), eq(tiers.name, 'Gold')));
  for (const segment of [
    {
      name: 'Gold members',
      description: 'Members at the top tier.',
      rules: {
        match: 'all' as const,
        rules: [{ subject: 'tier' as const, operator: 'at_least' as const, tierId: gold[0]!.id }],
      },
    },
    {
      name: 'Newsletter subscribers',
      description: 'Customers who gave marketing consent.',
      rules: {
        match: 'all' as const,
        rules: [
          {
            subject: 'attribute' as const,
            field: 'marketingConsent' as const,
            operator: 'equals' as const,
            value: true,
          },
        ],
      },
    },
  ]) {
    const created = await createSegment(db, seeded.workspaceId, segment);
    await evaluateSegment(db, seeded.workspaceId, created.id);
  }
  return seeded;
}
