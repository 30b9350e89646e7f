import { sql, type SQL } from 'drizzle-orm';
import type { FilterOperator, PropertyFilter } from '../../workflows/journey/property-filter';
import type { AttributeField, NumberOperator, SegmentRule, SegmentRules } from './segment-rules';

/**
 * Compiles a segment's rules to ONE boolean SQL expression over `customers c`, so a whole
 * workspace's membership is one statement and one customer's membership is the same
 * expression with `and c.id = $1` — the two can never disagree. Every user value is a bound
 * parameter (paths become bound `text[]` elements); only the fixed column and operator names
 * below are written into the SQL text. Rules must be parsed by `segmentRulesSchema` first.
 *
 * Attribute and event-property comparisons follow `matchesFilter` of the journey filters:
 * numeric when both sides are numbers (or numeric strings), else case-insensitive text; a
 * missing value fails every test but `not_equals` and `not_exists`.
 */
export function segmentPredicate(rules: SegmentRules, options: { asOf?: Date } = {}): SQL {
  const now = options.asOf ? sql`${options.asOf.toISOString()}::timestamptz` : sql`now()`;
  const parts = rules.rules.map((rule) => sql`(${rulePredicate(rule, now)})`);
  // An erased customer (GDPR tombstone) is in no segment, whatever the rules say.
  return sql`(c.erased_at is null and (${sql.join(parts, rules.match === 'all' ? sql` and ` : sql` or `)}))`;
}

/** The customers of a workspace matching the rules, as a select of `c.id` (for counts, pages, set differences). */
export function matchingCustomers(
  workspaceId: string,
  rules: SegmentRules,
  options: { asOf?: Date } = {},
): SQL {
  return sql`select c.id from customers c where c.workspace_id = ${workspaceId} and ${segmentPredicate(rules, options)}`;
}

const columnOf: Record<Exclude<AttributeField, 'custom'>, SQL> = {
  email: sql.raw('to_jsonb(c.email)'),
  locale: sql.raw('to_jsonb(c.locale)'),
  timeZone: sql.raw('to_jsonb(c.time_zone)'),
  marketingConsent: sql.raw('to_jsonb(c.marketing_consent)'),
};

const comparison: Record<NumberOperator, SQL> = {
  greater_or_equal: sql.raw('>='),
  greater_than: sql.raw('>'),
  less_than: sql.raw('<'),
  less_or_equal: sql.raw('<='),
  equals: sql.raw('='),
};

/** `jsonb #> array[$1, $2]::text[]`: a dot path with each key bound, never spliced. */
function jsonPath(document: SQL, path: string): SQL {
  const keys = path.split('.').map((key) => sql`${key}::text`);
  return sql`(${document} #> array[${sql.join(keys, sql`, `)}]::text[])`;
}

function since(now: SQL, days: number | null, column: SQL): SQL {
  return days === null ? sql`true` : sql`${column} >= ${now} - make_interval(days => ${days}::int)`;
}

function rulePredicate(rule: SegmentRule, now: SQL): SQL {
  switch (rule.subject) {
    case 'attribute': {
      const value =
        rule.field === 'custom' ? jsonPath(sql.raw('c.attributes'), rule.path) : columnOf[rule.field];
      return filterPredicate(value, rule);
    }
    case 'event': {
      const filters = rule.filters.map((filter) =>
        filterPredicate(jsonPath(sql.raw('e.properties'), filter.property), filter),
      );
      // Counting stops at the first N (+1) hits: "did it at least 3 times" reads 3 rows, not the history.
      const limit = rule.count === 'at_least' ? rule.times : rule.times + 1;
      const hits = sql`(select count(*) from (select 1 from events e
        where e.workspace_id = c.workspace_id and e.customer_id = c.id and e.name = ${rule.eventName}
          and ${since(now, rule.withinDays, sql.raw('e.occurred_at'))}
          ${filters.length === 0 ? sql`` : sql`and ${sql.join(filters, sql` and `)}`}
        limit ${limit}::int) as hits)`;
      return rule.count === 'at_least'
        ? sql`${hits} >= ${rule.times}::int`
        : sql`${hits} <= ${rule.times}::int`;
    }
    case 'balance':
      return sql`coalesce((select la.balance from loyalty_accounts la
        where la.workspace_id = c.workspace_id and la.customer_id = c.id), 0) ${comparison[rule.operator]} ${rule.points}::int`;
    case 'tier':
      if (rule.operator === 'none')
        return sql`not exists (select 1 from loyalty_accounts la
          where la.workspace_id = c.workspace_id and la.customer_id = c.id and la.tier_id is not null)`;
      // By threshold, as tiers are ranked; a tier deleted since the rule was saved is reached by nobody.
      return sql`exists (select 1 from loyalty_accounts la join tiers t on t.id = la.tier_id
        where la.workspace_id = c.workspace_id and la.customer_id = c.id and t.workspace_id = c.workspace_id
          and t.threshold >= (select r.threshold from tiers r where r.workspace_id = c.workspace_id and r.id = ${rule.tierId}))`;
    case 'lifetime_spend':
      return sql`coalesce((select sum(o.amount - o.refunded_amount) from orders o
        where o.workspace_id = c.workspace_id and o.customer_id = c.id
          and ${since(now, rule.withinDays, sql.raw('o.placed_at'))}), 0) ${comparison[rule.operator]} ${String(rule.amount)}::numeric`;
    case 'signed_up_within_days':
      return since(now, rule.days, sql.raw('c.created_at'));
  }
}

/** `matchesFilter`'s number reading: finite numbers, and strings that read as one. */
function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    return Number.isFinite(number) ? number : null;
  }
  return null;
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase() : (JSON.stringify(value)?.toLowerCase() ?? '');
}

/**
 * Decimal strings Postgres reads as numeric. Narrower than JavaScript's `Number()` (no hex,
 * no exponents beyond 3 digits, which would overflow), which only matters for odd data.
 */
const numericText = '^\\s*[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]{1,3})?\\s*$';

/** A jsonb value (SQL NULL when the path is missing) compared as the journey filters do. */
export function filterPredicate(
  value: SQL,
  filter: Pick<PropertyFilter, 'operator' | 'value'> & { operator: FilterOperator },
): SQL {
  const present = sql`(${value} is not null and jsonb_typeof(${value}) <> 'null')`;
  const asTextSql = sql`(case when jsonb_typeof(${value}) = 'string' then lower(${value} #>> '{}') else lower(${value}::text) end)`;
  const asNumberSql = sql`(case when jsonb_typeof(${value}) = 'number' then (${value} #>> '{}')::numeric
    when jsonb_typeof(${value}) = 'string' and (${value} #>> '{}') ~ ${numericText} then trim(${value} #>> '{}')::numeric end)`;
  const expectedText = asText(filter.value);
  const expectedNumber = asNumber(filter.value);
  const expected = expectedNumber === null ? null : sql`${String(expectedNumber)}::numeric`;
  switch (filter.operator) {
    case 'exists':
      return present;
    case 'not_exists':
      return sql`not ${present}`;
    case 'contains':
      return sql`(case when jsonb_typeof(${value}) = 'array' then exists (select 1 from jsonb_array_elements(${value}) as item(x)
          where (case when jsonb_typeof(x) = 'string' then lower(x #>> '{}') else lower(x::text) end) = ${expectedText})
        when ${present} then strpos(${asTextSql}, ${expectedText}) > 0 else false end)`;
    case 'equals':
      return expected === null
        ? sql`(${present} and ${asTextSql} = ${expectedText})`
        : sql`(case when not ${present} then false when ${asNumberSql} is not null then ${asNumberSql} = ${expected}
            else ${asTextSql} = ${expectedText} end)`;
    case 'not_equals':
      return expected === null
        ? sql`(not ${present} or ${asTextSql} <> ${expectedText})`
        : sql`(case when not ${present} then true when ${asNumberSql} is not null then ${asNumberSql} <> ${expected}
            else ${asTextSql} <> ${expectedText} end)`;
    case 'greater_than':
    case 'greater_or_equal':
    case 'less_than':
    case 'less_or_equal':
      if (expected === null) return sql`false`;
      return sql`coalesce(${asNumberSql} ${comparison[filter.operator]} ${expected}, false)`;
  }
}
