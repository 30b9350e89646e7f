'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { canRedo, canUndo, recordState, redoState, startHistory, undoState } from './canvas/history';

/** A state that has not changed for this long is one step of the history: a drag or a typed word. */
const settleMs = 400;

/**
 * Undo/redo for the canvas. Every settled state of the graph is recorded, whatever made
 * it (drag, connect, config field, paste, layout), so no edit path can forget to record.
 * `apply` puts a recorded state back on the canvas.
 */
export function useEditHistory(serialized: string, apply: (snapshot: string) => void) {
  const [history, setHistory] = useState(() => startHistory(serialized));
  const latest = useRef({ history, serialized });
  latest.current = { history, serialized };

  useEffect(() => {
    if (serialized === latest.current.history.present) return;
    const timer = setTimeout(() => setHistory((current) => recordState(current, serialized)), settleMs);
    return () => clearTimeout(timer);
  }, [serialized]);

  const move = useCallback(
    (direction: 'undo' | 'redo') => {
      // An edit still settling counts as a step, so undo takes back exactly it.
      const settled = recordState(latest.current.history, latest.current.serialized);
      const next = direction === 'undo' ? undoState(settled) : redoState(settled);
      if (next === settled && settled === latest.current.history) return;
      setHistory(next);
      if (next.present !== latest.current.serialized) apply(next.present);
    },
    [apply],
  );

  // A boundary between edits (another step selected, a step added or removed): what is on
  // the canvas now is a step of its own, settled or not. Without it, an insert followed by
  // quick typing settled as one step, and undoing the typing took the inserted step away.
  const checkpoint = useCallback(() => {
    // Read now, not when React runs the update: the canvas as it was when asked.
    const onCanvas = latest.current.serialized;
    setHistory((current) => recordState(current, onCanvas));
  }, []);

  const pending = serialized !== history.present;
  return {
    undo: useCallback(() => move('undo'), [move]),
    redo: useCallback(() => move('redo'), [move]),
    checkpoint,
    canUndo: canUndo(history) || pending,
    canRedo: canRedo(history) && !pending,
  };
}
