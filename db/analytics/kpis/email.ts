import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { addDays, previousPeriod, type DateRange } from '../date-range';
import { figure, num, percent, type Figure } from '../figure';
import { queryRows } from '../query';
import { getAnalyticsSettings } from '../settings';

/**
 * One row of the email funnel, for a template or a journey. Messages count on the day they
 * were created (claimed for sending); opens, clicks and suppressions that name the message
 * count on the message's day too, so each row is a cohort of sends.
 */
export interface EmailFunnelRow {
  /** Template or journey id; '' for sends outside any journey (test sends). */
  id: string;
  name: string | null;
  /** Journey runs whose first email was created in the period (journey rows only; 0 for templates). */
  runsEmailed: number;
  /** Handed to SMTP: accepted or refused. */
  sent: number;
  /** Accepted by the receiving server. */
  delivered: number;
  /** Not sent: no consent, suppressed address, opted-out topic, no address. */
  skipped: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  bounced: number;
  complained: number;
  openRate: number | null;
  clickRate: number | null;
  /** Orders placed within the click window after a click of these emails (last click wins). */
  attributedOrders: number;
  attributedRevenue: number;
}

export interface EmailReport {
  totals: Figure[];
  byTemplate: EmailFunnelRow[];
  byJourney: EmailFunnelRow[];
  clickWindowDays: number;
  formulas: Record<string, string>;
}

type Counts = Omit<EmailFunnelRow, 'id' | 'name' | 'openRate' | 'clickRate'>;

const metricColumns: Record<string, keyof Counts | undefined> = {
  email_sent: 'delivered',
  email_suppressed: 'skipped',
  email_opened: 'opened',
  email_clicked: 'clicked',
  email_unsubscribed: 'unsubscribed',
  email_bounced: 'bounced',
  email_complained: 'complained',
};

function emptyCounts(): Counts {
  return {
    runsEmailed: 0,
    sent: 0,
    delivered: 0,
    skipped: 0,
    opened: 0,
    clicked: 0,
    unsubscribed: 0,
    bounced: 0,
    complained: 0,
    attributedOrders: 0,
    attributedRevenue: 0,
  };
}

async function funnel(
  db: Executor,
  workspaceId: string,
  range: DateRange,
  timeZone: string,
  windowDays: number,
) {
  const [statusRows, revenueRows] = await Promise.all([
    queryRows<{ template_id: string; journey_id: string; metric: string; messages: string }>(
      db,
      sql`
        select dim1 as template_id, dim2 as journey_id, metric, sum(count) as messages from analytics_daily
        where workspace_id = ${workspaceId} and (metric like 'email\\_%' or metric = 'journey_runs_emailed')
          and day between ${range.from}::date and ${range.to}::date
        group by 1, 2, 3`,
    ),
    // Clicks in the period; each order in the window after a click goes to the customer's
    // latest click before it (last-click attribution), so no order counts twice.
    queryRows<{ template_id: string; journey_id: string; orders: string; revenue: string }>(
      db,
      sql`
        select c.template_id, c.journey_id, count(o.id) as orders, coalesce(sum(o.amount), 0) as revenue
        from analytics_clicks c
        join orders o on o.workspace_id = c.workspace_id and o.customer_id = c.customer_id
          and o.placed_at >= c.clicked_at and o.placed_at < c.clicked_at + make_interval(days => ${windowDays})
        where c.workspace_id = ${workspaceId}
          and c.clicked_at >= (${range.from}::date)::timestamp at time zone ${timeZone}
          and c.clicked_at < (${addDays(range.to, 1)}::date)::timestamp at time zone ${timeZone}
          and not exists (
            select 1 from analytics_clicks later
            where later.workspace_id = c.workspace_id and later.customer_id = c.customer_id
              and later.clicked_at > c.clicked_at and later.clicked_at <= o.placed_at)
        group by 1, 2`,
    ),
  ]);
  const byTemplate = new Map<string, Counts>();
  const byJourney = new Map<string, Counts>();
  const total = emptyCounts();
  const add = (map: Map<string, Counts>, key: string, column: keyof Counts, value: number) => {
    const counts = map.get(key) ?? emptyCounts();
    counts[column] += value;
    map.set(key, counts);
  };
  for (const row of statusRows) {
    const value = num(row.messages);
    if (row.metric === 'journey_runs_emailed') {
      // Sends outside any journey (test sends) have runs of their own, but no journey.
      if (row.journey_id !== '') {
        add(byJourney, row.journey_id, 'runsEmailed', value);
        total.runsEmailed += value;
      }
      continue;
    }
    // Accepted and refused messages were both handed to SMTP: "sent" counts both.
    const columns: (keyof Counts)[] = [];
    if (row.metric === 'email_sent' || row.metric === 'email_failed') columns.push('sent');
    const column = metricColumns[row.metric];
    if (column) columns.push(column);
    for (const c of columns) {
      add(byTemplate, row.template_id, c, value);
      add(byJourney, row.journey_id, c, value);
      total[c] += value;
    }
  }
  for (const row of revenueRows) {
    for (const [map, key] of [
      [byTemplate, row.template_id],
      [byJourney, row.journey_id],
    ] as const) {
      add(map, key, 'attributedOrders', num(row.orders));
      add(map, key, 'attributedRevenue', num(row.revenue));
    }
    total.attributedOrders += num(row.orders);
    total.attributedRevenue += num(row.revenue);
  }
  return { byTemplate, byJourney, total };
}

function rows(map: Map<string, Counts>, names: Map<string, string>): EmailFunnelRow[] {
  return [...map.entries()]
    .map(([id, c]) => ({
      id,
      name: names.get(id) ?? null,
      ...c,
      openRate: percent(c.opened, c.delivered),
      clickRate: percent(c.clicked, c.delivered),
    }))
    .sort((a, b) => b.sent - a.sent || a.id.localeCompare(b.id));
}

/**
 * Email per template and per journey: sent, delivered, skipped, opened, clicked,
 * unsubscribed, bounced, complained, and revenue of orders within the workspace's click
 * window (`analytics_settings.click_attribution_days`, default 7) after a click.
 * Journey entries and node counts are not here: runs live in Temporal, not in Postgres; the
 * runs a journey reached by email (`runsEmailed`) are the nearest figure Postgres holds.
 */
export async function emailReport(
  db: Executor,
  workspaceId: string,
  range: DateRange,
  options: { clickWindowDays?: number } = {},
): Promise<EmailReport> {
  const [settings, [workspace], templateNames, journeyNames] = await Promise.all([
    getAnalyticsSettings(db, workspaceId),
    queryRows<{ time_zone: string }>(db, sql`select time_zone from workspaces where id = ${workspaceId}`),
    queryRows<{ id: string; name: string }>(
      db,
      sql`select id, name from email_templates where workspace_id = ${workspaceId}`,
    ),
    queryRows<{ id: string; name: string }>(
      db,
      sql`select id, name from journeys where workspace_id = ${workspaceId}`,
    ),
  ]);
  const windowDays = options.clickWindowDays ?? settings.clickAttributionDays;
  const timeZone = workspace?.time_zone ?? 'UTC';
  const [now, before] = await Promise.all([
    funnel(db, workspaceId, range, timeZone, windowDays),
    funnel(db, workspaceId, previousPeriod(range), timeZone, windowDays),
  ]);
  const t = now.total;
  const p = before.total;
  return {
    totals: [
      figure(
        'journeyRunsEmailed',
        'count',
        'journey runs whose first email was created in the period',
        t.runsEmailed,
        p.runsEmailed,
      ),
      figure('emailSent', 'count', 'messages handed to SMTP (accepted or refused)', t.sent, p.sent),
      figure('emailDelivered', 'count', 'messages the receiving server accepted', t.delivered, p.delivered),
      figure(
        'emailSkipped',
        'count',
        'messages not sent: no consent, suppressed, opted out, no address',
        t.skipped,
        p.skipped,
      ),
      figure(
        'emailOpenRate',
        'percent',
        'opened ÷ delivered × 100',
        percent(t.opened, t.delivered),
        percent(p.opened, p.delivered),
      ),
      figure(
        'emailClickRate',
        'percent',
        'clicked ÷ delivered × 100',
        percent(t.clicked, t.delivered),
        percent(p.clicked, p.delivered),
      ),
      figure(
        'emailUnsubscribed',
        'count',
        'unsubscribes that name the message',
        t.unsubscribed,
        p.unsubscribed,
      ),
      figure('emailBounced', 'count', 'bounces that name the message', t.bounced, p.bounced),
      figure('emailComplained', 'count', 'complaints that name the message', t.complained, p.complained),
      figure(
        'emailRevenue',
        'money',
        `order amounts within ${windowDays} days after a click in the period (last click wins)`,
        t.attributedRevenue,
        p.attributedRevenue,
      ),
    ],
    byTemplate: rows(now.byTemplate, new Map(templateNames.map((r) => [r.id, r.name]))),
    byJourney: rows(now.byJourney, new Map(journeyNames.map((r) => [r.id, r.name]))),
    clickWindowDays: windowDays,
    formulas: {
      opened: 'messages with at least one open or click (link scanners excluded), on the day they were sent',
      clicked: 'messages with at least one click (link scanners excluded), on the day they were sent',
      openRate: 'opened ÷ delivered × 100',
      clickRate: 'clicked ÷ delivered × 100',
      attributedRevenue: `orders within ${windowDays} days after the customer's latest click`,
    },
  };
}
