/**
 * Undo/redo over settled canvas states. Each entry is a serialized graph (the same JSON
 * the draft is saved as), so equality is a string compare and an entry cannot be
 * mutated by later edits. Selection and measured sizes are not part of it: undo brings
 * back what the marketer built, not what they had clicked.
 */
export interface EditHistory {
  past: readonly string[];
  present: string;
  future: readonly string[];
}

/** Enough for an afternoon of edits; a 300-step graph is ≈60 kB, so 100 entries stay small. */
export const historyLimit = 100;

export function startHistory(present: string): EditHistory {
  return { past: [], present, future: [] };
}

/** Records a new settled state; the same state again is not a step, and a new step drops the redo branch. */
export function recordState(history: EditHistory, next: string): EditHistory {
  if (next === history.present) return history;
  const past = [...history.past, history.present];
  return { past: past.slice(Math.max(0, past.length - historyLimit)), present: next, future: [] };
}

export function undoState(history: EditHistory): EditHistory {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

export function redoState(history: EditHistory): EditHistory {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest };
}

export const canUndo = (history: EditHistory): boolean => history.past.length > 0;
export const canRedo = (history: EditHistory): boolean => history.future.length > 0;
