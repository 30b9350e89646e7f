import { describe, expect, it } from 'vitest';
import { readPaged } from './read-paged';

describe('readPaged', () => {
  const rows = Array.from({ length: 7 }, (_, i) => ({ id: `r${i}` }));
  const source = (calls: Array<string | null>) => (afterId: string | null, limit: number) => {
    calls.push(afterId);
    const start = afterId === null ? 0 : rows.findIndex((row) => row.id === afterId) + 1;
    return Promise.resolve(rows.slice(start, start + limit));
  };

  it('reads every row once, page after page, resuming after the last id', async () => {
    const calls: Array<string | null> = [];
    expect(await readPaged(source(calls), 3)).toEqual(rows);
    expect(calls).toEqual([null, 'r2', 'r5']);
  });

  it('asks once more when the last page was full, and stops on an empty one', async () => {
    const calls: Array<string | null> = [];
    expect(await readPaged(source(calls), 7)).toEqual(rows);
    expect(calls).toEqual([null, 'r6']);
  });
});
