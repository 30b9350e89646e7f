import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { emailTemplates, messageLog } from '../../db/schema';

/** What the journeys sent (or decided not to send) to one customer, newest first. */
export function listCustomerMessages(db: Database, workspaceId: string, customerId: string) {
  return db
    .select({
      id: messageLog.id,
      status: messageLog.status,
      subject: messageLog.subject,
      toAddress: messageLog.toAddress,
      templateName: emailTemplates.name,
      runId: messageLog.runId,
      error: messageLog.error,
      createdAt: messageLog.createdAt,
      sentAt: messageLog.sentAt,
    })
    .from(messageLog)
    .leftJoin(
      emailTemplates,
      and(eq(emailTemplates.id, messageLog.templateId), eq(emailTemplates.workspaceId, workspaceId)),
    )
    .where(and(eq(messageLog.workspaceId, workspaceId), eq(messageLog.customerId, customerId)))
    .orderBy(desc(messageLog.createdAt))
    .limit(200);
}
