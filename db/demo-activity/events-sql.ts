import { insertRows, type RawSql } from './bulk-insert';
import { eventMix, productCategories } from './names';

/** The customers events may belong to, numbered from 1, with the time each became active. */
export interface EventCustomer {
  id: string;
  externalId: string;
  activeFrom: Date;
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const array = (items: readonly string[]) => `array[${items.map(literal).join(', ')}]`;

/** `u` (uniform in [0, 1)) to an event name with the weights of `eventMix`. */
function nameCase(u: string): string {
  const total = eventMix.reduce((sum, [, w]) => sum + w, 0);
  let cumulative = 0;
  const whens = eventMix.slice(0, -1).map(([name, weight]) => {
    cumulative += weight;
    return `when ${u} < ${cumulative / total} then ${literal(name)}`;
  });
  return `case ${whens.join(' ')} else ${literal(eventMix[eventMix.length - 1]![0])} end`;
}

// Survey scores: about half promoters, a fifth detractors, as content customers answer.
const scores = [
  [10, 25],
  [9, 25],
  [8, 17],
  [7, 13],
  [6, 7],
  [5, 5],
  [3, 4],
  [1, 4],
] as const;

function scoreCase(u: string): string {
  let cumulative = 0;
  const whens = scores.slice(0, -1).map(([score, weight]) => {
    cumulative += weight;
    return `when ${u} < ${cumulative / 100} then ${score}`;
  });
  return `case ${whens.join(' ')} else ${scores[scores.length - 1]![0]} end`;
}

/**
 * Tracked events made by Postgres itself (generate_series), the biggest table of the demo
 * history: nothing crosses the wire but the customer list, so this runs at the speed of the
 * table's indexes. Each event belongs to a random customer, at a random time after the
 * customer became active, with the properties a shop would send (survey scores 0–10 for
 * `survey_response`). `setseed` makes the same history for the same seed. No outbox rows:
 * no journey starts from the past.
 */
export async function insertDemoEvents(
  sql: RawSql,
  workspaceId: string,
  customers: readonly EventCustomer[],
  count: number,
  now: Date,
  options: { seed?: number; batch?: number; onBatch?: (written: number) => void } = {},
): Promise<number> {
  if (count === 0 || customers.length === 0) return 0;
  await sql.unsafe(`select setseed($1)`, [options.seed ?? 0.2026]);
  await sql.unsafe(
    `create temp table seed_event_customers (n int primary key, id text not null, external_id text not null, active_from timestamptz not null) on commit drop`,
  );
  await insertRows(
    sql,
    'seed_event_customers',
    customers.map((c, i) => ({
      n: i + 1,
      id: c.id,
      external_id: c.externalId,
      active_from: c.activeFrom.toISOString(),
    })),
  );
  const properties = `case e.name
      when 'page_viewed' then jsonb_build_object('path', (${array(['/', '/sale', '/new', '/stores', '/account'])})[1 + floor(e.u2 * 5)::int])
      when 'product_viewed' then jsonb_build_object('sku', 'SKU-' || (100 + floor(e.u2 * 900)::int), 'category', (${array(productCategories)})[1 + floor(e.u3 * ${productCategories.length})::int])
      when 'cart_updated' then jsonb_build_object('sku', 'SKU-' || (100 + floor(e.u2 * 900)::int), 'category', (${array(productCategories)})[1 + floor(e.u3 * ${productCategories.length})::int])
      when 'search' then jsonb_build_object('query', (${array(['sneaker', 'jacke', 'tasche', 'geschenk', 'sale'])})[1 + floor(e.u2 * 5)::int])
      when 'survey_response' then jsonb_build_object('survey', 'nps', 'score', ${scoreCase('e.u2')})
      else '{}'::jsonb end`;
  const statement = `
    insert into events (id, workspace_id, customer_id, user_id, type, name, properties, message_id, source, occurred_at, received_at)
    select 'evt_' || substr(md5(e.g::text || ':' || e.u4::text), 1, 16), $1, c.id, c.external_id, 'track', e.name,
      ${properties}, 'seed-evt-' || e.g, 'api', t.at, t.at
    from (
      select r.*, ${nameCase('r.u1')} as name from (
        select g, 1 + floor(random() * $2)::int as cn, random() as u1, random() as u2, random() as u3,
          random() as u4, random() as u5
        from generate_series($3::int, $4::int) g
      ) r
    ) e
    join seed_event_customers c on c.n = e.cn
    cross join lateral (select c.active_from + e.u5 * ($5::timestamptz - c.active_from) as at) t`;
  const batch = options.batch ?? 150_000;
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    await sql.unsafe(statement, [workspaceId, customers.length, from, to, now.toISOString()]);
    options.onBatch?.(to);
  }
  await sql.unsafe('analyze events');
  return count;
}
