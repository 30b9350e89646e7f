import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { newId } from '../ids';
import { insertRows, type RawSql } from './bulk-insert';
import {
  simulateMemberLedger,
  type ConsumptionRow,
  type EntryRow,
  type LedgerProgram,
  type LotRow,
  type SimReward,
  type TierChangeRow,
  type VoucherRow,
} from './member-ledger';
import { insertDemoEvents } from './events-sql';
import { firstNames, lastNames, productCategories, regions } from './names';
import { Random } from './random';
import type { DemoActivitySize } from './sizes';

const day = 86_400_000;

/** Rows written per table, for the seed's report. */
export type DemoActivityCounts = Record<string, number>;

/** Seed customers carry this external-id prefix: how a second run knows the work is done. */
export const demoExternalIdPrefix = 'seed-';

export class AlreadySeededError extends Error {}

interface Customer {
  id: string;
  externalId: string;
  email: string;
  createdAt: Date;
  consent: boolean;
  birthday: string;
  accountId: string | null;
  orders: { id: string; orderRef: string; amount: number; placedAt: Date }[];
}

interface Template {
  id: string;
  name: string;
  subject: string;
  live_version: number | null;
}

/**
 * A year of activity in one workspace, written set-wise in one transaction: customers (most
 * with a loyalty account), their orders with the points they earned, welcome bonuses that
 * expire unless spent, rewards redeemed for vouchers (stock and per-customer limits kept),
 * tier upgrades, tracked events with survey scores, and journeys' and newsletters' emails
 * with opens, clicks, orders after clicks, unsubscribes and bounces. The ledger rows come from
 * `simulateMemberLedger`, so balance = sum of entries = sum of unexpired lots for every account.
 * No outbox rows are written: the history triggers no journeys. The analytics triggers see it
 * like any other write; the caller refreshes the rollups.
 */
export async function generateDemoActivity(
  sql: RawSql,
  workspaceId: string,
  size: DemoActivitySize,
  options: { now?: Date; seed?: number; log?: (line: string) => void } = {},
): Promise<DemoActivityCounts> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const random = new Random(options.seed ?? 2026);
  const start = new Date(now.getTime() - 365 * day);
  const counts: DemoActivityCounts = {};
  const seconds: Record<string, number> = {};
  const write = async <Row extends object>(table: string, rows: readonly Row[]) => {
    const began = performance.now();
    // The orders and message_log triggers anti-join the statement's rows against the table
    // (first order, a run's first email): planned as a nested loop over the transition table,
    // that grows with the square of the statement's size. Small statements keep it linear.
    const batch = table === 'orders' || table === 'message_log' ? 2_000 : 20_000;
    counts[table] = (counts[table] ?? 0) + (await insertRows(sql, table, rows, batch));
    // Fresh statistics for the next tables' triggers (an order's trigger looks up the tier the
    // member held): planned against a table still counted as empty, each lookup is a full scan.
    await sql.unsafe(`analyze ${table}`);
    seconds[table] = (seconds[table] ?? 0) + (performance.now() - began) / 1000;
  };
  const report = (tables: string[]) =>
    tables.map((t) => `${t} ${fmt(counts[t] ?? 0)} in ${(seconds[t] ?? 0).toFixed(1)} s`).join(', ');

  const seeded = await sql.unsafe(
    `select 1 from customers where workspace_id = $1 and external_id like $2 limit 1`,
    [workspaceId, `${demoExternalIdPrefix}%`],
  );
  if (seeded.length > 0) throw new AlreadySeededError('this workspace already has the demo activity');
  const program = await loadProgram(sql, workspaceId);
  const templates = (await sql.unsafe(
    `select id, name, subject, live_version from email_templates where workspace_id = $1 order by name`,
    [workspaceId],
  )) as unknown as Template[];

  // Customers: a third signed up before the year began, the rest during it; 70 % are members.
  const customers: Customer[] = [];
  const customerRows: Record<string, unknown>[] = [];
  for (let i = 1; i <= size.customers; i++) {
    const first = random.pick(firstNames);
    const last = random.pick(lastNames);
    const createdAt = random.chance(0.3)
      ? random.between(new Date(start.getTime() - 365 * day), start)
      : random.between(start, now);
    const n = String(i).padStart(6, '0');
    customers.push({
      id: newId('cus'),
      externalId: `${demoExternalIdPrefix}${n}`,
      email: `${ascii(first)}.${ascii(last)}.${n}@example.com`,
      createdAt,
      consent: random.chance(0.62),
      birthday: `${random.int(1950, 2006)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`,
      accountId: random.chance(0.7) ? newId('acc') : null,
      orders: [],
    });
    const c = customers[customers.length - 1]!;
    const [zone, locale] = random.weighted(regions.map(([z, l, w]) => [[z, l] as const, w] as const));
    customerRows.push({
      id: c.id,
      workspace_id: workspaceId,
      external_id: c.externalId,
      email: c.email,
      first_name: first,
      last_name: last,
      birthday: c.birthday,
      time_zone: zone,
      locale,
      marketing_consent: c.consent,
      marketing_consent_at: c.consent ? c.createdAt.toISOString() : null,
      marketing_consent_source: c.consent ? 'import' : null,
      created_at: c.createdAt.toISOString(),
    });
  }
  const members = customers.filter((c) => c.accountId !== null);
  const others = customers.filter((c) => c.accountId === null);
  const activeFrom = (c: Customer) => (c.createdAt > start ? c.createdAt : start);

  // Emails: journeys and a newsletter, with engagement; clicks lead to some of the orders.
  const journeys = [
    { id: newId('jrn'), name: 'Welcome series (demo data)' },
    { id: newId('jrn'), name: 'Birthday bonus (demo data)' },
    { id: newId('jrn'), name: 'Monthly newsletter (demo data)' },
    { id: newId('jrn'), name: 'Win-back (demo data)' },
  ];
  const messages: Record<string, unknown>[] = [];
  const totals: Record<string, unknown>[] = [];
  const engagements: Record<string, unknown>[] = [];
  const suppressions: Record<string, unknown>[] = [];
  const suppressed = new Set<string>();
  const clicks: { customer: Customer; at: Date }[] = [];
  const send = (journeyIndex: number, c: Customer, at: Date, entryKey: string) => {
    if (templates.length === 0 || at > now || suppressed.has(c.id)) return;
    const journey = journeys[journeyIndex]!;
    const template = templates[journeyIndex % templates.length]!;
    const id = newId('msg');
    const status = random.weighted([
      ['sent', 95],
      ['suppressed', 3.5],
      ['failed', 1.5],
    ] as const);
    messages.push({
      id,
      workspace_id: workspaceId,
      customer_id: c.id,
      template_id: template.id,
      template_version: template.live_version,
      run_id: `journey:${journey.id}:${c.id}:${entryKey}`,
      step_id: 'send_email_1',
      status,
      to_address: c.email,
      subject: template.subject,
      message_id: `<${id}@demo.example>`,
      smtp_response: status === 'sent' ? '250 2.0.0 OK' : null,
      error: status === 'failed' ? '550 5.1.1 mailbox unavailable' : null,
      meta:
        status === 'suppressed'
          ? { journeyId: journey.id, suppressionReason: 'topic_opt_out' }
          : { journeyId: journey.id },
      created_at: at.toISOString(),
      sent_at: status === 'sent' ? new Date(at.getTime() + 2000).toISOString() : null,
    });
    if (status === 'failed' && random.chance(0.5)) {
      suppressed.add(c.id);
      suppressions.push(suppression(workspaceId, c.email, 'bounced', 'smtp_bounce', id, at));
    }
    if (status !== 'sent') return;
    if (!random.chance(0.42)) return;
    const openedAt = new Date(at.getTime() + random.exponential(6 * 3600_000));
    const clicked = random.chance(0.28);
    const clickedAt = clicked ? new Date(openedAt.getTime() + random.exponential(10 * 60_000)) : null;
    if ((clickedAt ?? openedAt) > now) return;
    totals.push({
      message_log_id: id,
      workspace_id: workspaceId,
      first_opened_at: openedAt.toISOString(),
      last_opened_at: openedAt.toISOString(),
      open_count: 1,
      first_clicked_at: clickedAt?.toISOString() ?? null,
      last_clicked_at: clickedAt?.toISOString() ?? null,
      click_count: clickedAt ? 1 : 0,
    });
    engagements.push(engagement(workspaceId, id, c.id, 'open', openedAt));
    if (clickedAt) {
      engagements.push(engagement(workspaceId, id, c.id, 'click', clickedAt));
      clicks.push({ customer: c, at: clickedAt });
    }
    if (random.chance(0.004)) {
      suppressed.add(c.id);
      suppressions.push(
        suppression(workspaceId, c.email, 'unsubscribed', 'one_click_unsubscribe', id, openedAt),
      );
    }
  };
  for (const c of customers.filter((x) => x.consent)) {
    if (c.accountId && c.createdAt > start)
      send(0, c, new Date(c.createdAt.getTime() + 5 * 60_000), 'signup');
    if (c.accountId) {
      const [, month, dayOfMonth] = c.birthday.split('-');
      for (const year of [now.getUTCFullYear() - 1, now.getUTCFullYear()]) {
        const at = new Date(`${year}-${month}-${dayOfMonth}T08:00:00Z`);
        if (at >= activeFrom(c) && at <= now) send(1, c, at, `birthday-${year}`);
      }
      if (random.chance(0.12)) send(3, c, random.between(activeFrom(c), now), 'winback');
    }
  }
  // The newsletter goes out every other month to a quarter of the subscribers of the day.
  for (let m = 10; m >= 0; m -= 2) {
    const at = new Date(now.getTime() - m * 30.4 * day - 3 * 3600_000);
    for (const c of customers)
      if (c.consent && c.createdAt < at && random.chance(0.25)) send(2, c, at, `news-${m}`);
  }

  // Orders: some within days of a click, the rest spread over the year, members buying more often.
  const addOrder = (c: Customer, placedAt: Date) => {
    const amount = Math.min(150_000, Math.round(15_00 + random.exponential(65_00)));
    c.orders.push({ id: newId('ord'), orderRef: '', amount, placedAt });
  };
  const afterClicks = Math.min(Math.floor(clicks.length * 0.3), Math.floor(size.orders * 0.15));
  for (let i = 0; i < afterClicks; i++) {
    const click = clicks[Math.floor(random.next() * clicks.length)]!;
    const placedAt = new Date(click.at.getTime() + random.exponential(1.5 * day));
    if (placedAt <= now) addOrder(click.customer, placedAt);
    else addOrder(click.customer, random.between(click.at, now));
  }
  const placed = customers.reduce((sum, c) => sum + c.orders.length, 0);
  // How much each customer buys varies a lot: a squared exponential weight gives a few heavy
  // buyers (the Gold members) and many who order once or twice.
  const appetite = (list: Customer[]) =>
    random.sampler(
      list,
      list.map(() => random.exponential(1) ** 2),
    );
  const pickMember = members.length ? appetite(members) : null;
  const pickOther = others.length ? appetite(others) : null;
  for (let i = placed; i < size.orders; i++) {
    const c = (random.chance(0.8) ? (pickMember ?? pickOther) : (pickOther ?? pickMember))!();
    addOrder(c, random.between(activeFrom(c), now));
  }
  let orderNo = 0;
  for (const c of customers) {
    c.orders.sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
    for (const o of c.orders) o.orderRef = `SEED-${String(++orderNo).padStart(7, '0')}`;
  }

  // The ledger, member by member.
  const accounts: Record<string, unknown>[] = [];
  const entries: EntryRow[] = [];
  const lots: LotRow[] = [];
  const consumptions: ConsumptionRow[] = [];
  const vouchers: VoucherRow[] = [];
  const tierChanges: TierChangeRow[] = [];
  const earnings = new Map<string, { points: number; entryId: string }>();
  for (const c of members) {
    const ledger = simulateMemberLedger(
      {
        workspaceId,
        accountId: c.accountId!,
        customerId: c.id,
        joinedAt: c.createdAt,
        welcome: c.createdAt > start,
        orders: c.orders,
        now,
      },
      program.ledger,
      (p) => random.chance(p),
      voucherCode,
    );
    accounts.push({
      id: c.accountId,
      workspace_id: workspaceId,
      customer_id: c.id,
      balance: ledger.balance,
      tier_id: ledger.tierId,
      tier_since: ledger.tierSince?.toISOString() ?? null,
      updated_at: now.toISOString(),
    });
    entries.push(...ledger.entries);
    lots.push(...ledger.lots);
    consumptions.push(...ledger.consumptions);
    vouchers.push(...ledger.vouchers);
    tierChanges.push(...ledger.tierChanges);
    for (const [orderId, earning] of ledger.orderEarnings) earnings.set(orderId, earning);
  }
  log(`simulated ${fmt(members.length)} members' ledgers`);

  // Written parents first; tier changes before orders, so each order counts for the tier held then.
  await write('customers', customerRows);
  await write('loyalty_accounts', accounts);
  await write('ledger_entries', entries);
  await write('point_lots', lots);
  await write('lot_consumptions', consumptions);
  await write('tier_changes', tierChanges);
  await write('vouchers', vouchers);
  const orderRows: Record<string, unknown>[] = [];
  for (const c of customers) {
    for (const o of c.orders) {
      const earning = earnings.get(o.id);
      orderRows.push({
        id: o.id,
        workspace_id: workspaceId,
        customer_id: c.id,
        order_ref: o.orderRef,
        request_hash: 'seed',
        amount: o.amount,
        currency: program.currency,
        qualifying_amount: o.amount,
        lines: [
          {
            sku: `SKU-${random.int(100, 999)}`,
            category: random.pick(productCategories),
            quantity: 1,
            unitAmount: o.amount,
          },
        ],
        points_earned: earning?.points ?? 0,
        earn_entry_id: earning?.entryId ?? null,
        placed_at: o.placedAt.toISOString(),
        created_at: o.placedAt.toISOString(),
      });
    }
  }
  await write('orders', orderRows);
  log(
    `wrote ${report(['customers', 'loyalty_accounts', 'ledger_entries', 'point_lots', 'lot_consumptions', 'tier_changes', 'vouchers', 'orders'])}`,
  );
  for (const reward of program.ledger.rewards) {
    if (reward.stockRemaining !== null)
      await sql.unsafe(`update rewards set stock_remaining = $1 where id = $2`, [
        reward.stockRemaining,
        reward.id,
      ]);
  }

  await write(
    'journeys',
    journeys.map((j) => ({
      id: j.id,
      workspace_id: workspaceId,
      name: j.name,
      status: 'stopped',
      draft_graph: { nodes: [], edges: [] },
      settings: {},
      created_at: start.toISOString(),
      updated_at: start.toISOString(),
    })),
  );
  await write('message_log', messages);
  await write('message_engagement_totals', totals);
  await write('message_engagements', engagements);
  await write('email_suppressions', suppressions);
  log(
    `wrote ${report(['message_log', 'message_engagement_totals', 'message_engagements', 'email_suppressions'])}`,
  );

  // Events last, made by Postgres itself: the largest table never crosses the wire.
  const eventsBegan = performance.now();
  counts.events = await insertDemoEvents(
    sql,
    workspaceId,
    customers.map((c) => ({ id: c.id, externalId: c.externalId, activeFrom: activeFrom(c) })),
    size.events,
    now,
    { seed: (options.seed ?? 2026) / 10_000 },
  );
  seconds.events = (performance.now() - eventsBegan) / 1000;
  log(`wrote ${report(['events'])}`);
  return counts;
}

async function loadProgram(
  sql: RawSql,
  workspaceId: string,
): Promise<{ ledger: LedgerProgram; currency: string }> {
  const tiers = (await sql.unsafe(
    `select id, threshold, multiplier_percent from tiers where workspace_id = $1 order by threshold`,
    [workspaceId],
  )) as unknown as { id: string; threshold: number; multiplier_percent: number }[];
  const rewards = (await sql.unsafe(
    `select r.id, r.points_cost, t.threshold as min_tier_threshold, r.voucher_valid_days, r.per_customer_limit, r.stock_remaining
       from rewards r left join tiers t on t.id = r.min_tier_id
      where r.workspace_id = $1 and r.active`,
    [workspaceId],
  )) as unknown as {
    id: string;
    points_cost: number;
    min_tier_threshold: number | null;
    voucher_valid_days: number | null;
    per_customer_limit: number | null;
    stock_remaining: number | null;
  }[];
  const [settings] = (await sql.unsafe(
    `select w.currency, p.points_expiry from workspaces w left join loyalty_programs p on p.workspace_id = w.id where w.id = $1`,
    [workspaceId],
  )) as unknown as { currency: string; points_expiry: { kind: string; months?: number } | null }[];
  const months = settings?.points_expiry?.kind === 'months' ? (settings.points_expiry.months ?? 24) : 24;
  return {
    currency: settings?.currency ?? 'EUR',
    ledger: {
      tiers: tiers.map((t) => ({
        id: t.id,
        threshold: t.threshold,
        multiplierPercent: t.multiplier_percent,
      })),
      rewards: rewards.map((r): SimReward => ({
        id: r.id,
        pointsCost: r.points_cost,
        minTierThreshold: r.min_tier_threshold,
        voucherValidDays: r.voucher_valid_days,
        perCustomerLimit: r.per_customer_limit,
        stockRemaining: r.stock_remaining,
      })),
      orderPointsMonths: months,
      welcome: { points: 50, validDays: 60 },
      bonus: { minAmount: 100_00, points: 50 },
    },
  };
}

function engagement(
  workspaceId: string,
  messageId: string,
  customerId: string,
  kind: 'open' | 'click',
  at: Date,
) {
  return {
    id: newId('eng'),
    workspace_id: workspaceId,
    message_log_id: messageId,
    customer_id: customerId,
    kind,
    url: kind === 'click' ? 'https://shop.example.com/sale' : null,
    link_index: kind === 'click' ? 0 : null,
    user_agent: 'Mozilla/5.0 (demo data)',
    agent: 'client',
    created_at: at.toISOString(),
  };
}

function suppression(
  workspaceId: string,
  address: string,
  reason: string,
  source: string,
  messageId: string,
  at: Date,
) {
  return {
    id: newId('sup'),
    workspace_id: workspaceId,
    address: address.toLowerCase(),
    reason,
    source,
    message_log_id: messageId,
    created_at: at.toISOString(),
    updated_at: at.toISOString(),
  };
}

function voucherCode(): string {
  return `DEMO-${randomBytes(6).toString('hex').toUpperCase()}`;
}

function ascii(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
