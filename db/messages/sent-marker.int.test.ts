import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestCustomer, createTestTemplate, createTestWorkspace } from '../../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../client';
import { newId } from '../ids';
import { messageLog } from '../schema';
import { markSuppressed } from './message-log';
import { createSentMarker } from './sent-marker';
import { claimMessage } from './testing/claim-message';

let database: DatabaseHandle;

beforeAll(() => {
  database = connectDatabase(inject('databaseUrl'), { max: 10 });
});

afterAll(async () => {
  await database?.close();
});

/** `count` queued rows of one workspace, one customer each. */
async function queuedRows(count: number) {
  const db = database.db;
  const workspaceId = await createTestWorkspace(db, 'Marker Shop');
  const templateId = await createTestTemplate(db, workspaceId, {
    subject: 'Hi',
    mjml: '<mjml><mj-body></mj-body></mjml>',
  });
  const rows = [];
  for (let i = 0; i < count; i++) {
    const customer = await createTestCustomer(db, workspaceId);
    rows.push(
      await claimMessage(db, {
        workspaceId,
        runId: `journey:jrn_mark:${customer.id}:${newId('r')}`,
        stepId: 'send',
        customerId: customer.id,
        templateId,
        toAddress: customer.email,
      }),
    );
  }
  return { workspaceId, rows };
}

async function statusesOf(ids: string[]) {
  const found = await database.db
    .select({ id: messageLog.id, status: messageLog.status, subject: messageLog.subject })
    .from(messageLog)
    .where(inArray(messageLog.id, ids));
  return new Map(found.map((row) => [row.id, row]));
}

describe('createSentMarker', () => {
  it('marks sends that finish together in fewer statements, each row with its own subject and reply', async () => {
    const { workspaceId, rows } = await queuedRows(12);
    const marker = createSentMarker(database.db);
    const results = await Promise.all(
      rows.map((row, i) =>
        marker.mark({ workspaceId, id: row.id, subject: `Hello ${i}`, smtpResponse: `250 OK ${i}` }),
      ),
    );
    expect(results).toEqual(rows.map(() => true));
    expect(marker.stats().marks).toBe(12);
    expect(marker.stats().statements).toBeLessThan(12);

    const marked = await database.db
      .select()
      .from(messageLog)
      .where(and(eq(messageLog.workspaceId, workspaceId)));
    expect(marked).toHaveLength(12);
    for (const [i, row] of rows.entries()) {
      expect(marked.find((m) => m.id === row.id)).toMatchObject({
        status: 'sent',
        subject: `Hello ${i}`,
        smtpResponse: `250 OK ${i}`,
        error: null,
        sentAt: expect.any(Date),
      });
    }
  });

  it('answers false for a row already decided, in another workspace or unknown, and leaves it be', async () => {
    const { workspaceId, rows } = await queuedRows(4);
    const [open, suppressed, elsewhere] = rows;
    await markSuppressed(database.db, { workspaceId, id: suppressed!.id, reason: 'no_marketing_consent' });
    const other = await createTestWorkspace(database.db, 'Other Shop');
    const marker = createSentMarker(database.db);

    const results = await Promise.all([
      marker.mark({ workspaceId, id: open!.id, subject: 'Hi', smtpResponse: '250 OK' }),
      marker.mark({ workspaceId, id: suppressed!.id, subject: 'Hi', smtpResponse: '250 OK' }),
      marker.mark({ workspaceId: other, id: elsewhere!.id, subject: 'Hi', smtpResponse: '250 OK' }),
      marker.mark({ workspaceId, id: 'mlog_unknown', subject: 'Hi', smtpResponse: '250 OK' }),
    ]);
    expect(results).toEqual([true, false, false, false]);
    // A late duplicate of a mark already made is refused as well.
    expect(await marker.mark({ workspaceId, id: open!.id, subject: 'Again', smtpResponse: '250 OK' })).toBe(
      false,
    );

    const statuses = await statusesOf(rows.map((row) => row.id));
    expect(statuses.get(open!.id)).toMatchObject({ status: 'sent', subject: 'Hi' });
    expect(statuses.get(suppressed!.id)?.status).toBe('suppressed');
    expect(statuses.get(elsewhere!.id)?.status).toBe('queued');
  });

  it('fails only the mark Postgres refuses, not the batch it came in', async () => {
    const { workspaceId, rows } = await queuedRows(6);
    const marker = createSentMarker(database.db, { maxInFlight: 1 });
    // Postgres refuses a NUL byte in text: that statement fails as a whole.
    const settled = await Promise.allSettled(
      rows.map((row, i) =>
        marker.mark({
          workspaceId,
          id: row.id,
          subject: i === 3 ? 'Broken \u0000 subject' : `Hello ${i}`,
          smtpResponse: '250 OK',
        }),
      ),
    );
    expect(settled.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    const statuses = await statusesOf(rows.map((row) => row.id));
    expect(rows.map((row) => statuses.get(row.id)?.status)).toEqual([
      'sent',
      'sent',
      'sent',
      'queued',
      'sent',
      'sent',
    ]);
  });

  it('does not hold the batch for a row another transaction has locked: that row alone waits', async () => {
    const { workspaceId, rows } = await queuedRows(3);
    const held = rows[1]!;
    const marker = createSentMarker(database.db, { maxInFlight: 1 });
    const mark = (id: string) => marker.mark({ workspaceId, id, subject: 'Hi', smtpResponse: '250 OK' });

    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Another transaction (an erasure, say) holds the row until told to let go.
    const holder = database.db.$client.begin(async (tx) => {
      await tx`select id from message_log where id = ${held.id} for update`;
      locked();
      await released;
    });
    await isLocked;

    const heldMark = mark(held.id);
    const others = await Promise.all([mark(rows[0]!.id), mark(rows[2]!.id)]);
    expect(others).toEqual([true, true]);
    // A mark queued after the batch is not held up by the locked row either.
    const [later] = (await queuedRows(1)).rows;
    expect(
      await marker.mark({
        workspaceId: later!.workspaceId,
        id: later!.id,
        subject: 'Hi',
        smtpResponse: '250 OK',
      }),
    ).toBe(true);
    expect((await statusesOf([held.id])).get(held.id)?.status).toBe('queued');

    release();
    await holder;
    expect(await heldMark).toBe(true);
    expect((await statusesOf([held.id])).get(held.id)?.status).toBe('sent');
  });
});
