import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, historyLimit, recordState, redoState, startHistory, undoState } from './history';

describe('edit history', () => {
  it('undoes and redoes in order', () => {
    let history = startHistory('a');
    history = recordState(history, 'b');
    history = recordState(history, 'c');
    history = undoState(history);
    expect(history.present).toBe('b');
    history = undoState(history);
    expect(history.present).toBe('a');
    expect(canUndo(history)).toBe(false);
    history = redoState(redoState(history));
    expect(history.present).toBe('c');
    expect(canRedo(history)).toBe(false);
  });

  it('ignores a state equal to the present one', () => {
    const history = recordState(startHistory('a'), 'a');
    expect(canUndo(history)).toBe(false);
  });

  it('drops the redo branch when a new edit follows an undo', () => {
    let history = recordState(recordState(startHistory('a'), 'b'), 'c');
    history = recordState(undoState(history), 'd');
    expect(canRedo(history)).toBe(false);
    expect(undoState(history).present).toBe('b');
  });

  it('keeps at most the limit of past states, forgetting the oldest', () => {
    let history = startHistory('0');
    for (let i = 1; i <= historyLimit + 5; i++) history = recordState(history, String(i));
    expect(history.past).toHaveLength(historyLimit);
    expect(history.past[0]).toBe('5');
  });

  it('does nothing when there is nothing to undo or redo', () => {
    const history = startHistory('a');
    expect(undoState(history)).toBe(history);
    expect(redoState(history)).toBe(history);
  });
});
