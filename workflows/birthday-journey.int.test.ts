import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../db/ids';
import {
  emailTemplates,
  journeys,
  journeyVersions,
  ledgerEntries,
  loyaltyAccounts,
  pointLots,
  smtpSinkMessages,
} from '../db/schema';
import { insertStarterTemplates } from '../db/templates/starter-templates';
import { birthdayToday, createTestCustomer, createTestWorkspace, localYear } from '../scripts/test/fixtures';
import { startJourneyTestStack, type JourneyTestStack } from '../scripts/test/journey-worker';
import { runBirthdayTriggerNow } from '../server/temporal/trigger-schedules';
import { compileJourney } from './journey/compiler';
import { journeyRunWorkflowId } from './journey/run-id';
import { birthdayGraph } from './journey/testing/birthday-graph';

// The whole foundation path against real services: Postgres, the Temporal dev server, a
// worker running the bundled interpreter, the ledger, MJML rendering and a real SMTP sink.
let stack: JourneyTestStack;
beforeAll(async () => {
  stack = await startJourneyTestStack();
});
afterAll(() => stack?.stop());

async function publishBirthdayJourney(workspaceId: string, templateId: string): Promise<string> {
  const journeyId = newId('jrn');
  const graph = birthdayGraph(templateId);
  const compiled = compileJourney(graph, {
    journeyId,
    workspaceId,
    version: 1,
    templateIds: new Set([templateId]),
    rewardIds: new Set<string>(),
    tierIds: new Set<string>(),
  });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  await stack.database.db
    .insert(journeys)
    .values({ id: journeyId, workspaceId, name: 'Birthday bonus', draftGraph: graph });
  await stack.database.db
    .insert(journeyVersions)
    .values({ id: newId('jv'), workspaceId, journeyId, version: 1, graph, program: compiled.program });
  await stack.database.db
    .update(journeys)
    .set({ status: 'live', liveVersion: 1 })
    .where(eq(journeys.id, journeyId));
  return journeyId;
}

describe('birthday journey, end to end', () => {
  it('awards once and emails once per birthday customer, however often the trigger runs', async () => {
    const { db } = stack.database;
    const { client, taskQueue } = stack;
    const workspaceId = await createTestWorkspace(db, 'Birthday IT');
    const tag = randomUUID().slice(0, 8);
    const birthdayZones = ['Europe/Berlin', 'Asia/Tokyo', 'America/Los_Angeles'];
    const celebrants = await Promise.all(
      birthdayZones.map((timeZone, i) =>
        createTestCustomer(db, workspaceId, {
          firstName: ['Anna', 'Kenji', 'Maria'][i],
          email: `celebrant-${i}-${tag}@example.test`,
          timeZone,
          birthday: birthdayToday(timeZone, 1980 + i),
        }),
      ),
    );
    const noConsent = await createTestCustomer(db, workspaceId, {
      email: `no-consent-${tag}@example.test`,
      timeZone: 'Europe/Vienna',
      birthday: birthdayToday('Europe/Vienna', 1991),
      marketingConsent: false,
    });
    const notToday = await createTestCustomer(db, workspaceId, {
      email: `not-today-${tag}@example.test`,
      birthday: birthdayToday('Europe/Berlin', 1990).replace(
        /-(\d\d)$/,
        (_, d) => `-${d === '15' ? '16' : '15'}`,
      ),
      timeZone: 'Europe/Berlin',
    });
    await insertStarterTemplates(db, workspaceId);
    const [template] = await db
      .select({ id: emailTemplates.id })
      .from(emailTemplates)
      .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.name, 'Happy birthday')));
    const templateId = template!.id;
    const journeyId = await publishBirthdayJourney(workspaceId, templateId);

    const first = await runBirthdayTriggerNow(client, taskQueue, { workspaceId, journeyId });
    expect(first).toMatchObject({ journeyVersion: 1, matched: 4, started: 4, alreadyStarted: 0 });

    const entered = [...celebrants, noConsent];
    const states = await Promise.all(
      entered.map((c) =>
        client.workflow
          .getHandle(
            journeyRunWorkflowId({
              workspaceId,
              journeyId,
              customerId: c.id,
              entryKey: localYear(c.timeZone),
            }),
          )
          .result(),
      ),
    );
    for (const state of states) expect(state).toMatchObject({ status: 'completed' });

    // Exactly one earn entry and a 12-month lot per customer who entered; none for the others.
    const accounts = await db
      .select()
      .from(loyaltyAccounts)
      .where(eq(loyaltyAccounts.workspaceId, workspaceId));
    expect(Object.fromEntries(accounts.map((a) => [a.customerId, a.balance]))).toEqual(
      Object.fromEntries(entered.map((c) => [c.id, 100])),
    );
    const entries = await db.select().from(ledgerEntries).where(eq(ledgerEntries.workspaceId, workspaceId));
    expect(entries).toHaveLength(4);
    expect(entries.every((e) => e.kind === 'earn' && e.points === 100)).toBe(true);
    const lots = await db.select().from(pointLots).where(eq(pointLots.workspaceId, workspaceId));
    expect(lots).toHaveLength(4);
    for (const lot of lots) {
      const months = (lot.expiresAt!.getTime() - lot.createdAt.getTime()) / (30.44 * 86400_000);
      expect(Math.round(months)).toBe(12);
    }

    // One email per consenting celebrant, with their name and new balance; none for the rest.
    const addresses = [...entered, notToday].map((c) => c.email);
    const mail = await db
      .select()
      .from(smtpSinkMessages)
      .where(inArray(smtpSinkMessages.toHeader, addresses));
    expect(mail.map((m) => m.toHeader).sort()).toEqual(celebrants.map((c) => c.email).sort());
    for (const celebrant of celebrants) {
      const message = mail.find((m) => m.toHeader === celebrant.email)!;
      expect(message.html).toContain(celebrant.firstName!);
      expect(message.html).toMatch(/\b100\b/);
      expect(message.text).toMatch(/\b100\b/);
      expect(message.subject).toContain(celebrant.firstName!);
    }

    // Running the trigger again the same day starts nothing and awards nothing.
    const second = await runBirthdayTriggerNow(client, taskQueue, { workspaceId, journeyId });
    expect(second).toMatchObject({ matched: 4, started: 0, alreadyStarted: 4 });
    expect(
      await db.select().from(ledgerEntries).where(eq(ledgerEntries.workspaceId, workspaceId)),
    ).toHaveLength(4);
    expect(
      await db
        .select()
        .from(smtpSinkMessages)
        .where(and(inArray(smtpSinkMessages.toHeader, addresses))),
    ).toHaveLength(3);
  });
});
