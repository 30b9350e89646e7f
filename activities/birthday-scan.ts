import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Database } from '../db/client';
import { birthdayCandidatesPage } from '../db/customers/birthday-candidates';
import { getLiveProgram } from '../db/journeys/live-program';
import { startJourneyRun } from '../server/temporal/start-journey-run';
import type {
  BirthdayScanInput,
  BirthdayScanResult,
  TriggerActivities,
} from '../workflows/journey/activities-contract';
import { birthdayTriggerConfig } from '../workflows/journey/nodes/birthday-trigger';
import { birthdayCandidates, checkBirthday } from '../workflows/journey/schedule/birthday';

interface ScanProgress {
  afterId: string | null;
  totals: BirthdayScanResult;
}

const pageSize = 500;

/**
 * The fan-out behind a birthday trigger: pages through today's candidates, starts one run
 * per customer whose local birthday it is (from the configured local hour), and heartbeats
 * its cursor so a retried attempt resumes where the last one stopped. Duplicate starts
 * are refused by Temporal, so a resumed or repeated scan never starts a run twice.
 */
export function createTriggerActivities(deps: {
  db: Database;
  temporal: Client;
  taskQueue: string;
  now?: () => Date;
}): TriggerActivities {
  const now = deps.now ?? (() => new Date());
  return {
    async scanBirthdays(input: BirthdayScanInput): Promise<BirthdayScanResult> {
      const context = Context.current();
      const program = await getLiveProgram(deps.db, input.workspaceId, input.journeyId);
      const empty: BirthdayScanResult = {
        journeyVersion: null,
        scanned: 0,
        matched: 0,
        started: 0,
        alreadyStarted: 0,
      };
      if (!program || program.trigger.type !== 'trigger_birthday') return empty;
      const { hour } = birthdayTriggerConfig.parse(program.trigger.config);

      const resumed = context.info.heartbeatDetails as ScanProgress | undefined;
      const progress: ScanProgress = resumed ?? {
        afterId: null,
        totals: { ...empty, journeyVersion: program.version },
      };
      const at = now();
      const monthDays = birthdayCandidates(at);
      for (;;) {
        const page = await birthdayCandidatesPage(deps.db, {
          workspaceId: input.workspaceId,
          monthDays,
          afterId: progress.afterId,
          limit: pageSize,
        });
        for (const candidate of page) {
          progress.totals.scanned++;
          let check;
          try {
            check = checkBirthday(candidate.birthday, candidate.timeZone, at);
          } catch {
            context.log.warn('Skipping customer with an unknown time zone', { customerId: candidate.id });
            continue;
          }
          if (!check.isBirthday || (!input.ignoreLocalHour && check.localHour < hour)) continue;
          progress.totals.matched++;
          const outcome = await startJourneyRun(deps.temporal, deps.taskQueue, {
            program,
            customerId: candidate.id,
            entryKey: check.entryKey,
          });
          if (outcome.started) progress.totals.started++;
          else progress.totals.alreadyStarted++;
        }
        progress.afterId = page.at(-1)?.id ?? progress.afterId;
        context.heartbeat(progress);
        if (page.length < pageSize) return progress.totals;
      }
    },
  };
}
