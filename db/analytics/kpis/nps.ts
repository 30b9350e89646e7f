import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { previousPeriod, type DateRange } from '../date-range';
import { figure, num, round, type Figure } from '../figure';
import { queryRows } from '../query';

async function npsCounts(db: Executor, workspaceId: string, range: DateRange) {
  const rows = await queryRows<{ bucket: string; responses: string }>(
    db,
    sql`
      select dim1 as bucket, sum(count) as responses from analytics_daily
      where workspace_id = ${workspaceId} and metric = 'nps'
        and day between ${range.from}::date and ${range.to}::date
      group by 1`,
  );
  const count = (bucket: string) => num(rows.find((r) => r.bucket === bucket)?.responses);
  const promoters = count('promoter');
  const passives = count('passive');
  const detractors = count('detractor');
  const responses = promoters + passives + detractors;
  return {
    promoters,
    passives,
    detractors,
    responses,
    nps: responses === 0 ? null : round(((promoters - detractors) / responses) * 100, 1),
  };
}

/**
 * Net Promoter Score from `survey_response` events whose `score` property is a whole number
 * 0–10 (others are ignored): promoters 9–10, passives 7–8, detractors 0–6. Null without responses.
 */
export async function npsKpis(db: Executor, workspaceId: string, range: DateRange): Promise<Figure[]> {
  const [now, before] = await Promise.all([
    npsCounts(db, workspaceId, range),
    npsCounts(db, workspaceId, previousPeriod(range)),
  ]);
  return [
    figure(
      'npsResponses',
      'count',
      'survey_response events with a score 0–10',
      now.responses,
      before.responses,
    ),
    figure('npsPromoters', 'count', 'responses scoring 9 or 10', now.promoters, before.promoters),
    figure('npsPassives', 'count', 'responses scoring 7 or 8', now.passives, before.passives),
    figure('npsDetractors', 'count', 'responses scoring 0 to 6', now.detractors, before.detractors),
    figure('nps', 'count', '(promoters − detractors) ÷ responses × 100', now.nps, before.nps),
  ];
}
