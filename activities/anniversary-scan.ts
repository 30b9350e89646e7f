import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Database } from '../db/client';
import { anniversaryCandidatesPage, type AnniversarySource } from '../db/customers/anniversary-candidates';
import { getLiveProgram } from '../db/journeys/live-program';
import { startJourneyRun } from '../server/temporal/start-journey-run';
import type {
  AnniversaryScanInput,
  AnniversaryScanResult,
  TriggerActivities,
} from '../workflows/journey/activities-contract';
import { anniversaryRuleOf } from '../workflows/journey/date-trigger';
import { isKnownTimeZone } from '../workflows/journey/local-time';
import {
  anniversaryCandidates,
  checkAnniversary,
  localCalendarDate,
} from '../workflows/journey/schedule/anniversary';

interface ScanProgress {
  afterId: string | null;
  totals: AnniversaryScanResult;
}

const pageSize = 500;

/**
 * The fan-out behind a date trigger (birthday, sign-up, a date attribute; with an offset):
 * pages through today's candidates, starts one run per customer whose shifted anniversary
 * is today in their zone (from the configured local hour), and heartbeats its cursor so a
 * retried attempt resumes where the last one stopped. Duplicate starts are refused by
 * Temporal (the entry key is the anniversary's local year), so a resumed or repeated scan
 * never starts a run twice.
 *
 * A scheduled scan gives each run the instant it was due (the trigger's hour on the local
 * day), from which the journey's maximum lateness is measured. "Run trigger now" does not:
 * the marketer asked for the runs now.
 */
export function createTriggerActivities(deps: {
  db: Database;
  temporal: Client;
  taskQueue: string;
  now?: () => Date;
}): TriggerActivities {
  const now = deps.now ?? (() => new Date());

  async function scanAnniversaries(input: AnniversaryScanInput): Promise<AnniversaryScanResult> {
    const context = Context.current();
    const program = await getLiveProgram(deps.db, input.workspaceId, input.journeyId);
    const empty: AnniversaryScanResult = {
      journeyVersion: null,
      scanned: 0,
      matched: 0,
      started: 0,
      alreadyStarted: 0,
    };
    const rule = program ? anniversaryRuleOf(program.trigger) : null;
    if (!program || !rule) return empty;
    const source: AnniversarySource =
      rule.dateField === 'attribute'
        ? { kind: 'attribute', path: rule.attribute.split('.') }
        : { kind: rule.dateField };

    const resumed = context.info.heartbeatDetails as ScanProgress | undefined;
    const progress: ScanProgress = resumed ?? {
      afterId: null,
      totals: { ...empty, journeyVersion: program.version },
    };
    const at = now();
    // A birthday is a calendar date; a sign-up or an attribute may be an instant whose UTC
    // date is a day off the customer's local one.
    const monthDays = anniversaryCandidates(at, rule.offsetDays, source.kind !== 'birthday');
    // The day someone signs up is not their sign-up anniversary (an event trigger greets them).
    const minYears = source.kind === 'signup' ? 1 : 0;
    for (;;) {
      const page = await anniversaryCandidatesPage(deps.db, {
        workspaceId: input.workspaceId,
        source,
        monthDays,
        afterId: progress.afterId,
        limit: pageSize,
      });
      for (const candidate of page) {
        progress.totals.scanned++;
        if (!isKnownTimeZone(candidate.timeZone)) {
          context.log.warn('Skipping customer with an unknown time zone', { customerId: candidate.id });
          continue;
        }
        const date = localCalendarDate(candidate.value, candidate.timeZone);
        if (!date) continue;
        // A birthday matches on month and day alone, as it always did (a birth year is not checked).
        const dated = source.kind === 'birthday' ? { month: date.month, day: date.day } : date;
        const check = checkAnniversary(dated, { ...rule, minYears }, candidate.timeZone, at);
        if (!check.isDue || (!input.ignoreLocalHour && check.localHour < rule.hour)) continue;
        progress.totals.matched++;
        const outcome = await startJourneyRun(deps.temporal, deps.taskQueue, {
          program,
          customerId: candidate.id,
          entryKey: check.entryKey,
          ...(input.ignoreLocalHour ? {} : { dueAt: check.dueAt }),
        });
        if (outcome.started) progress.totals.started++;
        else progress.totals.alreadyStarted++;
      }
      progress.afterId = page.at(-1)?.id ?? progress.afterId;
      context.heartbeat(progress);
      if (page.length < pageSize) return progress.totals;
    }
  }

  return {
    scanAnniversaries,
    // Schedules and histories from before date anniversaries call the scan by this name.
    scanBirthdays: scanAnniversaries,
  };
}
