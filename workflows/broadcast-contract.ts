/**
 * The broadcast fan-out as the workflow sees it. `activities/broadcast.ts` implements it;
 * the workflow imports only these types, never the implementation (it touches Postgres).
 */
export interface BroadcastInput {
  workspaceId: string;
  broadcastId: string;
  /** ISO instant: not before then (the broadcast's `scheduled_for`); absent: at once. */
  notBefore?: string;
  /** Pages one activity call handles before handing back (tests lower it). Default 20. */
  pagesPerActivity?: number;
  /** Members per page (tests lower it); default by rate, see `broadcastPageSize`. */
  pageSize?: number;
  /** How long to wait before looking again while the journey is paused (ms; tests lower it). Default 30 s. */
  holdPollMs?: number;
}

export interface FanOutInput {
  workspaceId: string;
  broadcastId: string;
  /** Hand back to the workflow after this many pages, so no single activity runs for hours. */
  maxPages: number;
  pageSize?: number;
}

/**
 * `more`: pages left, call again; `completed`: every member handled; `held`: the journey is
 * paused, look again later; `cancelled`: cancelled by a user or the journey was stopped.
 */
export interface FanOutResult {
  outcome: 'more' | 'completed' | 'held' | 'cancelled';
  started: number;
  alreadyIn: number;
  skipped: number;
}

export interface BroadcastActivities {
  fanOutBroadcast(input: FanOutInput): Promise<FanOutResult>;
  /** Marks the broadcast failed with the reason, unless it already ended. */
  failBroadcast(input: { workspaceId: string; broadcastId: string; reason: string }): Promise<void>;
}

export const broadcastWorkflowType = 'broadcast';

/** One workflow per broadcast: a repeated start of the same broadcast is refused by the server. */
export function broadcastWorkflowId(workspaceId: string, broadcastId: string): string {
  return `broadcast:${workspaceId}:${broadcastId}`;
}

/** The entry key of a member's run: each broadcast enters a customer at most once. */
export function broadcastEntryKey(broadcastId: string): string {
  return `broadcast-${broadcastId}`;
}
