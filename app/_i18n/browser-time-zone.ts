'use client';

import { useSyncExternalStore } from 'react';

const neverChanges = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The viewer's IANA zone as the browser reports it, or `fallback` while rendering on the
 * server and hydrating (the server cannot know it), so hydration never mismatches.
 */
export function useBrowserTimeZone(fallback: string): string {
  return useSyncExternalStore(neverChanges, browserZone, () => fallback);
}
