import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestCustomer, createTestWorkspace } from '../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../db/client';
import { startAnalyticsRefreshLoop } from './analytics-refresh-loop';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 3 });
});
afterAll(() => handle.close());

describe('analytics refresh loop', () => {
  it('folds new activity in on its interval and stops cleanly', async () => {
    const workspaceId = await createTestWorkspace(handle.db);
    const loop = startAnalyticsRefreshLoop({ db: handle.db, intervalSeconds: 1 });
    try {
      await createTestCustomer(handle.db, workspaceId);
      await expect
        .poll(
          async () =>
            (
              (await handle.db.execute(
                sql`select coalesce(sum(count), 0)::int as n from analytics_daily
                    where workspace_id = ${workspaceId} and metric = 'customers_created'`,
              )) as unknown as { n: number }[]
            )[0]?.n,
          { timeout: 5000, interval: 200 },
        )
        .toBe(1);
    } finally {
      await loop.stop();
    }
  });
});
