import type { Executor } from '../../db/client';
import { newId } from '../../db/ids';
import { auditLog } from '../../db/schema';
import { auditTarget, redactForAudit } from './redact';

export interface AuditEntry {
  workspaceId: string | null;
  actor: { userId: string; email: string } | null;
  action: string;
  input?: unknown;
  target?: string | null;
  ipAddress?: string | null;
}

export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    id: newId('aud'),
    workspaceId: entry.workspaceId,
    actorUserId: entry.actor?.userId ?? null,
    actorEmail: entry.actor?.email ?? null,
    action: entry.action,
    target: entry.target ?? auditTarget(entry.input),
    details: (redactForAudit(entry.input ?? {}) ?? {}) as object,
    ipAddress: entry.ipAddress ?? null,
  });
}
