import { createTestCustomer, createTestWorkspace } from '../../../scripts/test/fixtures';
import type { Database } from '../../client';
import { newId } from '../../ids';
import { eq } from 'drizzle-orm';
import { emailTemplates, messageLog } from '../../schema';
import { markSent, type MessageLogRow } from '../message-log';
import { claimMessage } from './claim-message';

/** A sent email of a journey run, in a workspace of its own: what tracking tests engage with. */
export async function sentMessage(
  db: Database,
  options: { runId?: (ids: { workspaceId: string; customerId: string }) => string } = {},
): Promise<MessageLogRow & { journeyId: string }> {
  const workspaceId = await createTestWorkspace(db);
  const customer = await createTestCustomer(db, workspaceId);
  const templateId = newId('tpl');
  await db.insert(emailTemplates).values({
    id: templateId,
    workspaceId,
    name: 'Tracked',
    subject: 'Hello',
    mjml: '<mjml><mj-body></mj-body></mjml>',
  });
  const journeyId = newId('jrn');
  const row = await claimMessage(db, {
    workspaceId,
    runId:
      options.runId?.({ workspaceId, customerId: customer.id }) ??
      `journey:${workspaceId}:${journeyId}:${customer.id}:2026`,
    stepId: 'send_1',
    customerId: customer.id,
    templateId,
    toAddress: customer.email,
  });
  await markSent(db, { workspaceId, id: row.id, subject: 'Hello', smtpResponse: '250 OK' });
  const [sent] = await db.select().from(messageLog).where(eq(messageLog.id, row.id));
  return { ...sent!, journeyId };
}
