'use client';

import { useEffect, useRef } from 'react';

export interface EditorShortcuts {
  save: () => void;
  undo: () => void;
  redo: () => void;
  copy: () => void;
  cut: () => void;
  paste: () => void;
}

/** Typing in a field keeps the field's own undo, copy and paste. */
function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The shortcuts of every editor the marketer knows (Ctrl or ⌘): S saves, Z undoes,
 * Shift+Z or Y redoes, C/X/V copy, cut and paste steps. Delete is React Flow's own.
 * A dialog open on top of the canvas keeps its keys.
 */
export function useEditorShortcuts(shortcuts: EditorShortcuts, canEdit: boolean): void {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      const actions = latest.current;
      if (key === 's') {
        event.preventDefault();
        if (canEdit) actions.save();
        return;
      }
      if (!canEdit || isTextTarget(event.target)) return;
      if (event.target instanceof Element && event.target.closest('[role="dialog"]')) return;
      const action =
        key === 'z'
          ? event.shiftKey
            ? actions.redo
            : actions.undo
          : key === 'y'
            ? actions.redo
            : key === 'c'
              ? actions.copy
              : key === 'x'
                ? actions.cut
                : key === 'v'
                  ? actions.paste
                  : null;
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [canEdit]);
}
