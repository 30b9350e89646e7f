'use client';

import { useSyncExternalStore } from 'react';

const neverChanges = () => () => {};
const none: readonly string[] = [];
let zones: readonly string[] | undefined;

/**
 * The IANA zones this browser knows, for a picker. Empty on the server and while
 * hydrating: Node's and the browser's tz databases may list different zones, and the
 * options must match what the server rendered.
 */
export function useTimeZones(): readonly string[] {
  return useSyncExternalStore(
    neverChanges,
    () => (zones ??= Intl.supportedValuesOf('timeZone')),
    () => none,
  );
}
