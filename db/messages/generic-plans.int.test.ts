import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newId } from '../ids';
import { migrateDatabase } from '../migrate';
import { claimStatement, windowFactsStatement } from './claim-send';
import { markSentStatement } from './message-log';

/**
 * The send's prepared statements keep one generic plan per connection. Made on a nearly
 * empty database (a fresh install's first sends), a plan once looked rows up by
 * `workspace_id = $1` alone and scanned the workspace's whole index range, which grew with
 * the message log. This asks Postgres for the generic plans on a fresh database and checks
 * that every index scan uses more than the workspace.
 */
let admin: postgres.Sql;
let sql: postgres.Sql;
const databaseName = `plans_${newId('db').replace(/[^a-z0-9_]/g, '_')}`;

beforeAll(async () => {
  const url = new URL(inject('databaseUrl'));
  admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${databaseName}`);
  url.pathname = `/${databaseName}`;
  await migrateDatabase(url.toString());
  // One connection: the prepared statements and the plan-cache setting are per session.
  sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  await sql.unsafe(`
    insert into workspaces (id, name) values ('ws1', 'Plan Shop');
    insert into email_templates (id, workspace_id, name, subject, mjml, live_version)
      values ('tpl1', 'ws1', 'T', 'Hi', '<mjml></mjml>', 1);
    insert into customers (id, workspace_id, external_id, email, marketing_consent)
      values ('cus1', 'ws1', 'cus1', 'ada@example.test', true);
    insert into message_log (id, workspace_id, run_id, step_id, customer_id, template_id, to_address,
        message_id, status, meta)
      select 'mlog' || i, 'ws1', 'run' || i, 'email', 'cus1', 'tpl1', 'ada@example.test',
        '<mlog' || i || '@plan.test>', 'queued', '{}'::jsonb
      from generate_series(1, 5) i;
    set plan_cache_mode = force_generic_plan;
  `);
});

afterAll(async () => {
  await sql?.end({ timeout: 5 });
  await admin?.unsafe(`drop database if exists ${databaseName}`);
  await admin?.end({ timeout: 5 });
});

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function indexScans(node: PlanNode): PlanNode[] {
  const own = node['Index Name'] ? [node] : [];
  return [...own, ...(node.Plans ?? []).flatMap(indexScans)];
}

async function genericPlan(name: string, types: string, statement: string, args: string) {
  await sql.unsafe(`prepare ${name}(${types}) as ${statement}`);
  const [row] = await sql.unsafe<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>(
    `explain (format json) execute ${name}(${args})`,
  );
  return indexScans(row!['QUERY PLAN'][0]!.Plan);
}

describe('generic plans of the send statements on a fresh database', () => {
  it('mark sent finds the row by its key', async () => {
    const scans = await genericPlan(
      'mark_sent',
      'text, text, text, text',
      markSentStatement,
      `'ws1', 'mlog1', 'Hi', '250 OK'`,
    );
    expect(scans.map((scan) => scan['Index Name'])).toEqual(['message_log_pkey']);
  });

  it('the claim and the window question never scan by the workspace alone', async () => {
    const scans = [
      ...(await genericPlan(
        'claim',
        'text, text, text, text, text, text, text, text',
        claimStatement,
        `'ws1', 'cus1', 'tpl1', 'mlog_new', 'run_new', 'email', '<new@plan.test>', '{}'`,
      )),
      ...(await genericPlan(
        'window_facts',
        'text, text, text, text, timestamptz, int',
        windowFactsStatement,
        `'ws1', 'cus1', 'run_new', 'email', null, 24`,
      )),
    ];
    expect(scans.length).toBeGreaterThan(0);
    const byWorkspaceAlone = scans.filter((scan) =>
      /^\(workspace_id = \$1\)$/.test(scan['Index Cond'] ?? ''),
    );
    expect(byWorkspaceAlone).toEqual([]);
    // The rows read by their own key are read by it.
    expect(scans.map((scan) => scan['Index Name'])).toEqual(
      expect.arrayContaining(['customers_pkey', 'email_templates_pkey', 'message_log_run_step']),
    );
  });
});
