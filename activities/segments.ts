import { Context, log } from '@temporalio/activity';
import type { Database } from '../db/client';
import { evaluateSegment } from '../db/segments/evaluate-segment';
import { SegmentInputError, SegmentNotFoundError } from '../db/segments/errors';
import { segmentsAfter } from '../db/segments/list-segments';
import type { DailyStepInput, ExpiryActivities, SegmentEvaluationResult } from '../workflows/expiry-contract';
import { parseStepInput } from './expiring-notices';

interface SegmentProgress {
  result: SegmentEvaluationResult;
  afterSegmentId: string | null;
}

const pageSize = 100;

/**
 * The daily job's segment step: re-evaluates every segment (of one workspace, or all), one
 * transaction per segment, so rules that depend on time ("signed up within 30 days", "no
 * purchase in 90 days") move customers in and out even without new events. Heartbeats
 * the last finished segment; a retry resumes after it, and re-evaluating one twice changes
 * nothing the second time (set difference, events keyed by membership).
 */
export function createSegmentActivities(deps: { db: Database }): Pick<ExpiryActivities, 'evaluateSegments'> {
  return {
    async evaluateSegments(rawInput: DailyStepInput): Promise<SegmentEvaluationResult> {
      const input = parseStepInput(rawInput);
      const context = Context.current();
      const progress: SegmentProgress = (context.info.heartbeatDetails as SegmentProgress | undefined) ?? {
        result: { segments: 0, entered: 0, exited: 0 },
        afterSegmentId: null,
      };
      for (;;) {
        const page = await segmentsAfter(deps.db, {
          ...(input.workspaceId !== undefined ? { workspaceId: input.workspaceId } : {}),
          afterSegmentId: progress.afterSegmentId,
          limit: pageSize,
        });
        if (page.length === 0) return progress.result;
        for (const segment of page) {
          try {
            const evaluation = await evaluateSegment(deps.db, segment.workspaceId, segment.id);
            progress.result.segments++;
            progress.result.entered += evaluation.entered;
            progress.result.exited += evaluation.exited;
          } catch (error) {
            // Deleted since the page was read: nothing left to evaluate. Rules a schema change
            // invalidated: skipped (retrying cannot fix them), the others still evaluated.
            if (error instanceof SegmentInputError) {
              log.warn('segment skipped: its saved rules no longer parse', { segmentId: segment.id });
              progress.result.skipped = (progress.result.skipped ?? 0) + 1;
            } else if (!(error instanceof SegmentNotFoundError)) throw error;
          }
          progress.afterSegmentId = segment.id;
          context.heartbeat(progress);
        }
      }
    },
  };
}
