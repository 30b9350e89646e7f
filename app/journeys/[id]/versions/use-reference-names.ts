'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '../../../_trpc/react';

/**
 * Names of the templates, rewards, tiers and segments the workspace has, by id (ids are
 * unique across kinds), so a version's steps and its diff name what they point at. A
 * version may point at something deleted since: callers fall back to the id.
 */
export function useReferenceNames(): ReadonlyMap<string, string> {
  const trpc = useTRPC();
  const options = useQuery(trpc.journeys.pickerOptions.queryOptions(undefined, { staleTime: 60_000 }));
  return useMemo(
    () =>
      new Map(
        Object.values(options.data ?? {}).flatMap((choices) =>
          choices.map((choice) => [choice.id, choice.name] as const),
        ),
      ),
    [options.data],
  );
}
