import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../db/client';
import { newId } from '../db/ids';
import { awardPoints } from '../db/ledger/award';
import { emailTemplates, events, messageLog, tiers } from '../db/schema';
import { insertStarterTemplates } from '../db/templates/starter-templates';
import { createTestCustomer, createTestWorkspace } from '../scripts/test/fixtures';
import { createRunFactsActivities } from './run-facts';

let database: DatabaseHandle;
let activities: ReturnType<typeof createRunFactsActivities>;
beforeAll(() => {
  database = connectDatabase(inject('databaseUrl'));
  activities = createRunFactsActivities({ db: database.db });
});
afterAll(() => database.close());

describe('run context and condition facts', () => {
  it('loads the profile once: zone, locale, attributes with birthday and signup date', async () => {
    const { db } = database;
    const workspaceId = await createTestWorkspace(db);
    const customer = await createTestCustomer(db, workspaceId, {
      timeZone: 'Asia/Tokyo',
      locale: 'de',
      birthday: '1990-04-02',
      attributes: { renewal: '2027-01-01' },
    });
    const profile = await activities.loadRunContext({ workspaceId, customerId: customer.id });
    expect(profile).toEqual({
      timeZone: 'Asia/Tokyo',
      locale: 'de',
      attributes: {
        renewal: '2027-01-01',
        birthday: '1990-04-02',
        signupDate: customer.createdAt.toISOString(),
      },
    });
    // Another workspace does not see the customer.
    const other = await createTestWorkspace(db);
    expect(await activities.loadRunContext({ workspaceId: other, customerId: customer.id })).toBeNull();
  });

  it('reads balance, tier thresholds and the opens and clicks of this run’s earlier emails', async () => {
    const { db } = database;
    const workspaceId = await createTestWorkspace(db);
    const customer = await createTestCustomer(db, workspaceId, { attributes: { plan: 'gold' } });
    await awardPoints(db, {
      workspaceId,
      customerId: customer.id,
      points: 120,
      idempotencyKey: newId('k'),
      reason: 'Seed',
    });
    const gold = newId('tier');
    await db.insert(tiers).values({ id: gold, workspaceId, name: 'Gold', threshold: 1000 });
    await insertStarterTemplates(db, workspaceId);
    const [template] = await db
      .select({ id: emailTemplates.id })
      .from(emailTemplates)
      .where(and(eq(emailTemplates.workspaceId, workspaceId)))
      .limit(1);
    const runId = `journey:${workspaceId}:jrn:${customer.id}:1`;
    for (const stepId of ['welcome', 'reminder'])
      await db.insert(messageLog).values({
        id: newId('msg'),
        workspaceId,
        customerId: customer.id,
        templateId: template!.id,
        runId,
        stepId,
        status: 'sent',
        toAddress: customer.email,
        messageId: `<${newId('m')}@test>`,
      });
    const engagement = (name: string, stepId: string, run = runId) => ({
      id: newId('evt'),
      workspaceId,
      customerId: customer.id,
      name,
      properties: { runId: run, stepId },
      messageId: newId('mid'),
      source: 'email',
      occurredAt: new Date(),
    });
    await db
      .insert(events)
      .values([
        engagement('email_opened', 'welcome'),
        engagement('email_clicked', 'reminder'),
        engagement('email_clicked', 'welcome', 'another-run'),
      ]);

    const facts = await activities.readFacts({
      workspaceId,
      journeyId: 'jrn',
      journeyVersion: 1,
      customerId: customer.id,
      runId,
      stepId: 'check',
      tierIds: [gold, 'tier_gone'],
      emailStepIds: ['welcome', 'reminder', 'never'],
    });
    expect(facts).toEqual({
      balance: 120,
      tier: null,
      tierThresholds: { [gold]: 1000 },
      attributes: { plan: 'gold' },
      emails: {
        welcome: { sent: true, opened: true, clicked: false },
        reminder: { sent: true, opened: true, clicked: true },
        never: { sent: false, opened: false, clicked: false },
      },
      // No segment was asked for: none is read.
      segments: {},
    });
  });
});
