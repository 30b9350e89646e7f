import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailTemplates, messageLog, smtpSinkMessages } from '../db/schema';
import { insertStarterTemplates } from '../db/templates/starter-templates';
import { createTestCustomer, createTestWorkspace } from '../scripts/test/fixtures';
import { startJourneyTestStack, type JourneyTestStack } from '../scripts/test/journey-worker';
import type { RunState } from './journey/interpreter';
import type { JourneyGraph } from './journey/graph';
import { journeyRunWorkflowId, journeyRunWorkflowType } from './journey/run-id';
import { publishTestJourney } from './testing/publish-program';

// The never-send-twice promise under Temporal's own retries: the send activity's first
// attempt delivers the mail and then "crashes" (the worker died before reporting back);
// Temporal schedules attempt 2 with the same input, and the inbox must still hold one mail.
let stack: JourneyTestStack;
const attempts: number[] = [];

beforeAll(async () => {
  stack = await startJourneyTestStack({
    overrideActivities: (real) => ({
      async sendEmail(input) {
        const result = await real.sendEmail(input);
        const { attempt } = Context.current().info;
        attempts.push(attempt);
        if (attempt === 1)
          throw ApplicationFailure.retryable('worker lost after SMTP accepted the mail', 'Crash');
        return result;
      },
    }),
  });
}, 60_000);

afterAll(() => stack?.stop());

const graph = (templateId: string): JourneyGraph => ({
  nodes: [
    { id: 'trigger', type: 'trigger_manual', position: { x: 0, y: 0 }, data: {} },
    { id: 'email', type: 'send_email', position: { x: 0, y: 120 }, data: { templateId } },
  ],
  edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'email' }],
});

describe('a retried send activity', () => {
  it('leaves exactly one email per (run, step) in the inbox and one sent log row', async () => {
    const db = stack.database.db;
    const workspaceId = await createTestWorkspace(db, 'Retry Shop');
    await insertStarterTemplates(db, workspaceId);
    const [template] = await db
      .select({ id: emailTemplates.id })
      .from(emailTemplates)
      .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.starterKey, 'birthday')));
    const customer = await createTestCustomer(db, workspaceId, {
      email: `retry-${workspaceId}@example.test`,
    });
    const { journeyId, program } = await publishTestJourney(db, workspaceId, graph(template!.id), {
      templateIds: [template!.id],
    });
    const workflowId = journeyRunWorkflowId({
      workspaceId,
      journeyId,
      customerId: customer.id,
      entryKey: 'run',
    });

    const state = (await stack.client.workflow.execute(journeyRunWorkflowType, {
      taskQueue: stack.taskQueue,
      workflowId,
      args: [{ program, customerId: customer.id }],
    })) as RunState;

    expect(state.status).toBe('completed');
    expect(attempts).toEqual([1, 2]);
    const delivered = await db
      .select()
      .from(smtpSinkMessages)
      .where(sql`${smtpSinkMessages.envelopeTo} @> ${JSON.stringify([customer.email])}::jsonb`);
    expect(delivered).toHaveLength(1);
    const rows = await db
      .select({ status: messageLog.status, messageId: messageLog.messageId })
      .from(messageLog)
      .where(and(eq(messageLog.workspaceId, workspaceId), eq(messageLog.customerId, customer.id)));
    expect(rows).toEqual([{ status: 'sent', messageId: delivered[0]!.messageId }]);
  });
});
