import type { Database } from '../client';
import { markSent } from './message-log';

/**
 * Marks sent mails together: the marks that come in while earlier ones are being written go
 * as one statement, with one commit and one run of the message log's update trigger (group
 * commit). Nothing waits for company: a mark that finds no batch under way goes at once, so
 * batches grow only with the load, where they save the most. Measured on its own, a mark
 * cost Postgres 0.23 ms of CPU alone and 0.07 ms in batches, most of it the statement and
 * its trigger rather than the row.
 *
 * A mark settles only once its own row is marked, and the send activity completes after
 * that, so the protocol of mail.ts holds: a crash before then resends with the same
 * Message-ID. A batch that fails is marked again row by row, so a row Postgres refuses (a
 * NUL byte in a subject, say) fails only its own send: the others are out, and leaving
 * them queued would send them twice.
 */
export interface SentMark {
  workspaceId: string;
  id: string;
  subject: string;
  smtpResponse: string;
}

export interface SentMarker {
  /** False if the row had already left the open states (a late or duplicate attempt). */
  mark(mark: SentMark): Promise<boolean>;
  /** Statements sent and marks in them, for the bench's figures. */
  stats(): { statements: number; marks: number };
}

export interface SentMarkerOptions {
  /** Batches written at once; a mark that comes while all are under way waits for one. */
  maxInFlight?: number;
  maxBatch?: number;
}

interface Pending {
  mark: SentMark;
  resolve: (marked: boolean) => void;
  reject: (error: unknown) => void;
}

// Not prepared: an unnamed statement is planned with its arrays' values, so Postgres knows how
// many rows it joins. A prepared one would keep a generic plan made for ten rows of unknown
// keys, which on a small message log is a hash join over all of it, kept as the log grows
// (claim-send.ts tells what a generic plan made on a fresh database did once).
// SKIP LOCKED: a row another transaction holds (an erasure, say) is left out rather than
// waited for, and marked on its own afterwards, so it holds up only its own send and never
// the batch's others.
const markBatchStatement = `
  with v as (
    select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])
      as v(workspace_id, id, subject, smtp_response)
  ), free as (
    select m.id from message_log m join v on m.id = v.id and m.workspace_id = v.workspace_id
    where m.status in ('queued', 'failed')
    for update of m skip locked
  )
  update message_log m
  set status = 'sent', subject = v.subject, smtp_response = v.smtp_response, error = null, sent_at = now()
  from v join free on free.id = v.id
  where m.id = v.id
  returning m.id`;

export function createSentMarker(db: Database, options: SentMarkerOptions = {}): SentMarker {
  const maxInFlight = options.maxInFlight ?? 2;
  const maxBatch = options.maxBatch ?? 100;
  let waiting: Pending[] = [];
  let inFlight = 0;
  let statements = 0;
  let marks = 0;

  async function markOneByOne(batch: Pending[]): Promise<void> {
    statements += batch.length;
    await Promise.all(batch.map(({ mark, resolve, reject }) => markSent(db, mark).then(resolve, reject)));
  }

  async function write(batch: Pending[]): Promise<void> {
    marks += batch.length;
    if (batch.length === 1) return markOneByOne(batch);
    let marked: Set<string>;
    try {
      statements++;
      const rows = await db.$client.unsafe<Array<{ id: string }>>(
        markBatchStatement,
        [
          batch.map(({ mark }) => mark.workspaceId),
          batch.map(({ mark }) => mark.id),
          batch.map(({ mark }) => mark.subject),
          batch.map(({ mark }) => mark.smtpResponse),
        ],
        { prepare: false },
      );
      marked = new Set(rows.map((row) => row.id));
    } catch {
      // Which row it was, the single statements tell: each caller gets its own answer.
      return markOneByOne(batch);
    }
    // The rest were decided already (a late attempt), unknown, or held by another transaction:
    // one by one, each gets its own answer. Not awaited: a row waiting for its lock must not
    // keep the batch's slot, or the marks queued behind it would wait too.
    const left = batch.filter(({ mark, resolve }) => {
      if (!marked.has(mark.id)) return true;
      resolve(true);
      return false;
    });
    if (left.length > 0) void markOneByOne(left);
  }

  function next(): void {
    if (inFlight >= maxInFlight || waiting.length === 0) return;
    const batch = waiting.slice(0, maxBatch);
    waiting = waiting.slice(maxBatch);
    inFlight++;
    // `write` settles every caller's promise itself; it does not reject.
    void write(batch).finally(() => {
      inFlight--;
      next();
    });
  }

  return {
    mark(mark) {
      return new Promise<boolean>((resolve, reject) => {
        waiting.push({ mark, resolve, reject });
        // After the current task: marks settling together (one SMTP reply after another) go together.
        if (waiting.length === 1) queueMicrotask(next);
      });
    },
    stats: () => ({ statements, marks }),
  };
}
