import { and, asc, eq, gt, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { customers } from '../schema';

/** Where a date trigger reads the customer's date. */
export type AnniversarySource =
  | { kind: 'birthday' }
  | { kind: 'signup' }
  /** A dotted path into `customers.attributes`, split into its keys. */
  | { kind: 'attribute'; path: string[] };

export interface AnniversaryCandidate {
  id: string;
  timeZone: string;
  /** The stored date: `YYYY-MM-DD` (birthday), the sign-up instant, or the attribute's text (null: none). */
  value: string | Date | null;
}

/**
 * Month and day as one integer (1123 for 23 November), by expressions Postgres may index
 * (`extract` over a date or a zone-less timestamp is immutable): migration
 * `0012_anniversary_index` indexes exactly these, with the workspace, so a scan reads only
 * the customers whose date falls on the few candidate days. A sign-up is taken on its UTC
 * date here; the caller widens the candidate days by one either side and checks the local
 * date exactly.
 */
const birthdayMonthDay = sql<number>`(extract(month from ${customers.birthday}) * 100 + extract(day from ${customers.birthday}))::int`;
const signupMonthDay = sql<number>`(extract(month from (${customers.createdAt} at time zone 'UTC')) * 100 + extract(day from (${customers.createdAt} at time zone 'UTC')))::int`;

/**
 * One page of the customers whose date falls on one of `monthDays` (`MM-DD`), ordered by
 * id so a scan can resume after the last id it handled. This only narrows the set; the
 * exact check in the customer's zone (and the 29 February rule) is the caller's.
 *
 * An attribute path differs per journey, so no index can serve it: that query reads the
 * workspace's customers by its index on the workspace and compares the first ten
 * characters of the value (`YYYY-MM-DD…`) as text, which never fails on a value that is
 * not a date.
 */
export async function anniversaryCandidatesPage(
  db: Executor,
  options: {
    workspaceId: string;
    source: AnniversarySource;
    monthDays: string[];
    afterId: string | null;
    limit: number;
  },
): Promise<AnniversaryCandidate[]> {
  const { source } = options;
  if (options.monthDays.length === 0) return [];
  const keys = options.monthDays.map((monthDay) => {
    const [month, day] = monthDay.split('-').map(Number) as [number, number];
    return month * 100 + day;
  });
  let attributeValue: SQL<string | null> = sql`null::text`;
  let match: SQL<unknown> | undefined;
  switch (source.kind) {
    case 'birthday':
      match = and(isNotNull(customers.birthday), inArray(birthdayMonthDay, keys));
      break;
    case 'signup':
      match = inArray(signupMonthDay, keys);
      break;
    case 'attribute': {
      if (source.path.length === 0) return [];
      const path = sql`array[${sql.join(
        source.path.map((key) => sql`${key}`),
        sql`, `,
      )}]::text[]`;
      attributeValue = sql<string | null>`${customers.attributes} #>> ${path}`;
      match = inArray(sql`substr(${customers.attributes} #>> ${path}, 6, 5)`, options.monthDays);
      break;
    }
  }
  const rows = await db
    .select({
      id: customers.id,
      timeZone: customers.timeZone,
      birthday: customers.birthday,
      createdAt: customers.createdAt,
      attributeValue,
    })
    .from(customers)
    .where(
      and(
        eq(customers.workspaceId, options.workspaceId),
        match,
        // An erased customer (GDPR) keeps a tombstone row with its sign-up date: never a candidate.
        isNull(customers.erasedAt),
        options.afterId ? gt(customers.id, options.afterId) : undefined,
      ),
    )
    .orderBy(asc(customers.id))
    .limit(options.limit);
  return rows.map((row) => ({
    id: row.id,
    timeZone: row.timeZone,
    value:
      source.kind === 'birthday'
        ? row.birthday
        : source.kind === 'signup'
          ? row.createdAt
          : row.attributeValue,
  }));
}
