import type { Sql, TransactionSql } from 'postgres';
import type { Database } from '../client';
import { suppressionOfEmailSql } from '../compliance/sql-suppression';
import { newId } from '../ids';
import type { SuppressionReason } from '../schema';
import { messageIdFor } from './message-log';

/**
 * The first step of a send, in one prepared statement: lock the customer's row, read all the
 * consent decision and the mail need (profile, workspace, balance, template, the strongest
 * suppression of the address, topic opt-outs) and claim the (run, step) message-log row,
 * or find the row an earlier attempt claimed. One statement instead of a transaction of
 * four: on a 2-CPU machine shared with Postgres and the SMTP sink, the round trips, the
 * query building and the server's parsing and planning of each statement were most of the
 * pipeline's cost per email beyond nodemailer's.
 *
 * The lock and the reads are one step with the claim: a consent change that holds the
 * customer's row is waited for, and the row read is the one it committed (READ COMMITTED
 * re-reads a row locked FOR UPDATE).
 */
export interface ClaimSendInput {
  workspaceId: string;
  runId: string;
  stepId: string;
  customerId: string;
  templateId: string;
  /** Right-hand side of our Message-ID. */
  messageIdDomain?: string;
  /** Kept on the row for reports (e.g. `journeyId`), so they need not parse run ids. */
  meta: Record<string, unknown>;
}

export interface ClaimedSend {
  customer: {
    id: string;
    email: string | null;
    firstName: string | null;
    lastName: string | null;
    locale: string;
    timeZone: string;
    marketingConsent: boolean;
  };
  workspace: { name: string; postalAddress: string | null; emailTracking: boolean; defaultLocale: string };
  balance: number | null;
  template: { id: string; name: string; liveVersion: number | null };
  /** The strongest suppression of the address as SQL normalises it (see sql-suppression.ts). */
  suppression: SuppressionReason | null;
  optedOutTopics: string[];
  /** The (run, step) row: claimed now (`queued`) or by an earlier attempt, in any state. */
  row: ClaimedRow;
}

export interface ClaimedRow {
  id: string;
  status: 'queued' | 'sent' | 'failed' | 'suppressed';
  templateVersion: number | null;
  messageId: string;
  meta: Record<string, unknown>;
}

/** What the window rules need to know before the first claim, read under the customer's lock. */
export interface SendWindowFacts {
  timeZone: string;
  /** Database time, unless the caller pins the clock. */
  now: Date;
  /** When the customer's sent and under-way mails of the capped period went out (or were claimed). */
  recentSends: Date[];
}

export type ClaimSendResult<Deferral = never> =
  | { kind: 'missing-customer' }
  | { kind: 'deferred'; deferral: Deferral }
  | { kind: 'missing-template' }
  | { kind: 'claimed'; claim: ClaimedSend };

interface ClaimRow {
  id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  locale: string;
  time_zone: string;
  marketing_consent: boolean;
  workspace_name: string;
  postal_address: string | null;
  email_tracking: boolean;
  default_locale: string;
  balance: number | null;
  template_id: string | null;
  template_name: string | null;
  live_version: number | null;
  suppression: SuppressionReason | null;
  opted_out_topics: string[];
  log_id: string | null;
  log_status: ClaimedRow['status'] | null;
  log_template_version: number | null;
  log_message_id: string | null;
  log_meta: Record<string, unknown> | null;
}

// Prepared statements keep a generic plan per connection, made without the parameters' values.
// Planned while a table is nearly empty, `workspace_id = $1` ties with the row's own key, and
// the planner may scan the workspace's whole index range for the one row (seen: marking a mail
// sent grew from 0.1 ms to 10 ms as the message log grew, until an ANALYZE). So the workspace
// check of a row found by its key is written `(workspace_id = $1) is true`, which means the
// same (the column is not null) but is no index condition: the key is the only index to use.

// Parameters: $1 workspace, $2 customer, $3 template, $4 new row id, $5 run, $6 step,
// $7 Message-ID, $8 meta. Arrays come back as JSON, which the client always parses (a
// `timestamptz[]` of a prepared statement came back here as its text form, `{...}`).
// The row claimed now and an earlier attempt's row are exclusive: the insert does nothing
// exactly when a committed row holds the key.
/** Exported for the generic-plan test (generic-plans.int.test.ts). */
export const claimStatement = `
  with customer as (
    select c.id, c.workspace_id, c.email, c.first_name, c.last_name, c.locale, c.time_zone,
      c.marketing_consent
    from customers c
    where c.id = $2 and (c.workspace_id = $1) is true
    for update
  ), template as (
    select t.id, t.name, t.live_version from email_templates t where t.id = $3 and (t.workspace_id = $1) is true
  ), claimed as (
    insert into message_log (id, workspace_id, run_id, step_id, customer_id, template_id, to_address,
      message_id, status, template_version, meta)
    select $4, $1, $5, $6, customer.id, template.id, customer.email, $7, 'queued'::message_status, template.live_version,
      $8::jsonb
    from customer, template
    on conflict (workspace_id, run_id, step_id) do nothing
    returning id, status, template_version, message_id, meta
  )
  select customer.id, customer.email, customer.first_name, customer.last_name, customer.locale,
    customer.time_zone, customer.marketing_consent,
    w.name as workspace_name, w.postal_address, w.email_tracking, w.default_locale,
    a.balance,
    template.id as template_id, template.name as template_name, template.live_version,
    ${suppressionOfEmailSql('customer')} as suppression,
    to_json(array(select o.topic_key from customer_topic_optouts o
      where o.workspace_id = customer.workspace_id and o.customer_id = customer.id)) as opted_out_topics,
    coalesce(claimed.id, earlier.id) as log_id,
    coalesce(claimed.status, earlier.status) as log_status,
    coalesce(claimed.template_version, earlier.template_version) as log_template_version,
    coalesce(claimed.message_id, earlier.message_id) as log_message_id,
    coalesce(claimed.meta, earlier.meta) as log_meta
  from customer
  join workspaces w on w.id = customer.workspace_id
  left join loyalty_accounts a on a.workspace_id = customer.workspace_id and a.customer_id = customer.id
  left join template on true
  left join claimed on true
  left join message_log earlier
    on earlier.workspace_id = $1 and earlier.run_id = $5 and earlier.step_id = $6`;

// Parameters: $1 workspace, $2 customer, $3 run, $4 step, $5 pinned clock or null,
// $6 the cap's period in hours or null.
/** Exported for the generic-plan test. */
export const windowFactsStatement = `
  with customer as (
    select c.id, c.time_zone, c.marketing_consent and coalesce(c.email, '') <> '' as sendable
    from customers c where c.id = $2 and (c.workspace_id = $1) is true for update
  ), clock as (select coalesce($5::timestamptz, now()) as now)
  select customer.time_zone, customer.sendable, clock.now,
    exists(select 1 from message_log m where m.workspace_id = $1 and m.run_id = $3 and m.step_id = $4)
      as claimed,
    to_json(case when $6::int is null then '{}'::timestamptz[] else array(
      select coalesce(m.sent_at, m.created_at) from message_log m
      where m.customer_id = customer.id and (m.workspace_id = $1) is true and m.status in ('sent', 'queued')
        and coalesce(m.sent_at, m.created_at) > clock.now - make_interval(hours => $6::int)) end)
      as recent_sends
  from customer, clock`;

/**
 * Claims the (run, step) row. With `window` (quiet hours or a cap), the window is asked first,
 * for a customer the mail could go to,
 * in a transaction that holds the customer's row from that question to the claim, so two
 * journeys' sends to one customer decide one after the other and cannot both squeeze under
 * the cap. The window is asked only before the first claim: a deferral writes nothing, so a
 * later attempt claims as if it were the first, and a row an earlier attempt claimed was
 * already allowed (it counts for the cap).
 */
export async function claimSend<Deferral>(
  db: Database,
  input: ClaimSendInput,
  window?: {
    /** The cap's period in hours, if there is a cap: how far back `recentSends` reaches. */
    capPeriodHours: number | null;
    now?: () => Date;
    /** Answers the deferral, or undefined to send now. */
    decide: (facts: SendWindowFacts) => Deferral | undefined;
  },
): Promise<ClaimSendResult<Deferral>> {
  if (!window) return claimOnce(db.$client, input);
  return db.$client.begin(async (tx) => {
    const [facts] = await tx.unsafe<
      Array<{ time_zone: string; sendable: boolean; now: Date; claimed: boolean; recent_sends: string[] }>
    >(
      windowFactsStatement,
      [
        input.workspaceId,
        input.customerId,
        input.runId,
        input.stepId,
        window.now ? window.now().toISOString() : null,
        window.capPeriodHours,
      ],
      { prepare: true },
    );
    if (!facts) return { kind: 'missing-customer' } as const;
    // A send that will be skipped (no consent, no address) is not deferred: its reason is
    // recorded now rather than after a night's wait.
    if (facts.sendable && !facts.claimed) {
      const deferral = window.decide({
        timeZone: facts.time_zone,
        now: new Date(facts.now),
        recentSends: facts.recent_sends.map((at) => new Date(at)),
      });
      if (deferral !== undefined) return { kind: 'deferred', deferral } as const;
    }
    return claimOnce(tx, input);
  });
}

async function claimOnce(sql: Sql | TransactionSql, input: ClaimSendInput): Promise<ClaimSendResult<never>> {
  const id = newId('mlog');
  const parameters = [
    input.workspaceId,
    input.customerId,
    input.templateId,
    id,
    input.runId,
    input.stepId,
    messageIdFor(id, input.messageIdDomain),
    JSON.stringify(input.meta),
  ];
  let [found] = await sql.unsafe<ClaimRow[]>(claimStatement, parameters, { prepare: true });
  // Another attempt of this (run, step) claimed the row after this statement's snapshot was
  // taken (the insert saw its key, the read did not see its row): asked again, the row shows.
  if (found && found.template_id !== null && found.log_id === null)
    [found] = await sql.unsafe<ClaimRow[]>(claimStatement, parameters, { prepare: true });
  if (!found) return { kind: 'missing-customer' };
  // No template, no claim: the insert selects from the customer and the template.
  if (found.template_id === null || found.template_name === null) return { kind: 'missing-template' };
  if (found.log_id === null || found.log_status === null || found.log_message_id === null)
    throw new Error(
      `message_log row for ${input.runId} / ${input.stepId} was neither claimed nor found; the retry resolves it`,
    );
  return {
    kind: 'claimed',
    claim: {
      customer: {
        id: found.id,
        email: found.email,
        firstName: found.first_name,
        lastName: found.last_name,
        locale: found.locale,
        timeZone: found.time_zone,
        marketingConsent: found.marketing_consent,
      },
      workspace: {
        name: found.workspace_name,
        postalAddress: found.postal_address,
        emailTracking: found.email_tracking,
        defaultLocale: found.default_locale,
      },
      balance: found.balance,
      template: { id: found.template_id, name: found.template_name, liveVersion: found.live_version },
      suppression: found.suppression,
      optedOutTopics: found.opted_out_topics,
      row: {
        id: found.log_id,
        status: found.log_status,
        templateVersion: found.log_template_version,
        messageId: found.log_message_id,
        meta: found.log_meta ?? {},
      },
    },
  };
}
