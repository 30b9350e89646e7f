'use client';

import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { previousPeriod, type DateRange } from '../../db/analytics/date-range';
import { useTRPC } from '../_trpc/react';
import { parseRangeChoice, resolveRange, todayIn, type RangeChoice } from './range-choice';

/**
 * The period every analytics page reports on, from the URL (`?days=30`, `?from=…&to=…`),
 * with "today" taken in the workspace's zone, the zone the rollups count days in. Null until
 * the workspace (and so its zone) is known.
 */
export function useReportRange(): {
  choice: RangeChoice;
  range: DateRange | null;
  previous: DateRange | null;
} {
  const params = useSearchParams();
  const trpc = useTRPC();
  const workspace = useQuery(trpc.workspace.current.queryOptions(undefined, { staleTime: 60 * 1000 }));
  const timeZone = workspace.data?.timeZone;
  const choice = useMemo(() => parseRangeChoice(params), [params]);
  return useMemo(() => {
    if (!timeZone) return { choice, range: null, previous: null };
    const range = resolveRange(choice, todayIn(timeZone, new Date()));
    return { choice, range, previous: previousPeriod(range) };
  }, [choice, timeZone]);
}

/** The workspace currency money figures are in (minor units), EUR until it is known. */
export function useReportCurrency(): string {
  const trpc = useTRPC();
  const program = useQuery(trpc.program.get.queryOptions(undefined, { staleTime: 5 * 60 * 1000 }));
  return program.data?.currency ?? 'EUR';
}
