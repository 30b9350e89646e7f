import type { Executor } from '../client';
import { endBroadcast, loadBroadcast } from './broadcast-progress';
import type { Broadcast } from './create-broadcast';

/**
 * Cancels a scheduled or running broadcast: the row first, so the fan-out stops at its next
 * page even if its workflow cannot be told. Runs already started go on (stop the journey
 * to end them). Cancelling an ended broadcast changes nothing and says how it ended.
 */
export async function cancelBroadcast(
  db: Executor,
  workspaceId: string,
  broadcastId: string,
): Promise<{ outcome: 'cancelled' | 'already_ended'; status: Broadcast['status'] } | null> {
  if (await endBroadcast(db, workspaceId, broadcastId, { status: 'cancelled', reason: 'cancelled' })) {
    return { outcome: 'cancelled', status: 'cancelled' };
  }
  const row = await loadBroadcast(db, workspaceId, broadcastId);
  return row ? { outcome: 'already_ended', status: row.status } : null;
}
