import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import {
  NativeConnection,
  Runtime,
  Worker,
  makeTelemetryFilterString,
  DefaultLogger,
} from '@temporalio/worker';
import { createActivities } from '../activities';
import { parseEnv, requireEnv } from '../config/env';
import { connectDatabase } from '../db/client';
import { createMailTransport, dkimFromEnv } from '../emails/transport';
import { startAnalyticsRefreshLoop } from './analytics-refresh-loop';
import { startEventDispatcher } from './event-dispatcher';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/**
 * The Temporal worker process: interpreter workflows plus the ledger, mail and trigger
 * activities, and the outbox dispatcher that feeds events to journeys. Scale out by
 * running more of these against the same Temporal and Postgres.
 */
async function main(): Promise<void> {
  const env = parseEnv();
  const databaseUrl = requireEnv(env, 'DATABASE_URL');
  const address = requireEnv(env, 'TEMPORAL_ADDRESS');
  const smtpUrl = requireEnv(env, 'SMTP_URL');
  const appSecret = requireEnv(env, 'APP_SECRET');

  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
  });

  const database = connectDatabase(databaseUrl);
  const clientConnection = await Connection.connect({ address });
  const temporal = new Client({ connection: clientConnection, namespace: env.TEMPORAL_NAMESPACE });
  const transport = createMailTransport(smtpUrl, {
    dkim: dkimFromEnv(env),
    maxPerSecond: env.SMTP_MAX_PER_SECOND,
  });
  const connection = await NativeConnection.connect({ address });

  const worker = await Worker.create({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    workflowsPath,
    activities: createActivities({
      db: database.db,
      temporal,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      transport,
      mailFrom: env.MAIL_FROM,
      appUrl: env.APP_URL,
      appSecret,
      allowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS === '1',
    }),
  });
  console.log(
    `worker    polling task queue "${env.TEMPORAL_TASK_QUEUE}" on ${address} (namespace ${env.TEMPORAL_NAMESPACE})`,
  );
  // Delivers stored events to journeys; every worker process runs one, they share the outbox.
  const dispatcher = startEventDispatcher({
    db: database.db,
    client: temporal,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
  });
  // Folds new activity into the analytics rollups (ANALYTICS_REFRESH_SECONDS, default 60).
  const analytics = startAnalyticsRefreshLoop({ db: database.db });
  try {
    // Returns after SIGINT/SIGTERM once in-flight tasks are done.
    await worker.run();
  } finally {
    await Promise.all([dispatcher.stop(), analytics.stop()]);
    transport.close();
    await Promise.allSettled([connection.close(), clientConnection.close(), database.close()]);
  }
}

main().catch((error: unknown) => {
  console.error('worker    failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
