import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';

/**
 * Every committed journey history must replay on today's workflow code: a change to the
 * interpreter that would make a run in flight diverge (a new timer, activity or order of
 * commands without `patched()`) fails here instead of in production. Fixtures are recorded
 * by `record-histories.int.test.ts`.
 */
const dir = new URL('./fixtures/histories/', import.meta.url);
const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort();

describe.skipIf(files.length === 0)('recorded journey histories replay on the current code', () => {
  it(`replays ${files.length} histories without non-determinism`, { timeout: 120_000 }, async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Another test file of this process installed it already.
    }
    const histories = await Promise.all(
      files.map(async (file) => {
        const { workflowId, history } = JSON.parse(await readFile(new URL(file, dir), 'utf8')) as {
          workflowId: string;
          history: unknown;
        };
        return { file, workflowId, history: temporal.api.history.v1.History.fromObject(history as object) };
      }),
    );
    const failures: string[] = [];
    const results = Worker.runReplayHistories(
      { workflowsPath: fileURLToPath(new URL('./index.ts', import.meta.url)) },
      histories.map(({ workflowId, history }) => ({ workflowId, history })),
    );
    let replayed = 0;
    for await (const result of results) {
      replayed += 1;
      if (result.error) {
        const file = histories.find((h) => h.workflowId === result.workflowId)?.file;
        failures.push(`${file ?? result.workflowId}: ${result.error.message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(files.length);
  });
});
