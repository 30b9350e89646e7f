import { createTestCustomer, createTestWorkspace } from '../../../scripts/test/fixtures';
import type { Database } from '../../client';

export interface Member {
  workspaceId: string;
  customerId: string;
}

/** A customer in a fresh workspace: tests share one database and isolate by workspace. */
export async function newMember(db: Database, workspaceId?: string): Promise<Member> {
  const ws = workspaceId ?? (await createTestWorkspace(db));
  const customer = await createTestCustomer(db, ws);
  return { workspaceId: ws, customerId: customer.id };
}
