'use client';

import { useEffect } from 'react';

/** Long enough that a burst of typing or dragging is one save, short enough to lose nothing. */
export const autosaveDelayMs = 1500;

/**
 * Saves the draft once edits have rested for a moment. A save in flight, or one that
 * just failed, waits for the next edit (a failing server is not hammered; the header
 * keeps saying "Unsaved changes").
 */
export function useAutosave({
  enabled,
  dirty,
  busy,
  failed,
  version,
  save,
}: {
  enabled: boolean;
  dirty: boolean;
  busy: boolean;
  failed: boolean;
  /** Changes with every edit: the serialized graph. */
  version: string;
  save: () => void;
}): void {
  useEffect(() => {
    if (!enabled || !dirty || busy || failed) return;
    const timer = setTimeout(save, autosaveDelayMs);
    return () => clearTimeout(timer);
  }, [enabled, dirty, busy, failed, version, save]);
}
