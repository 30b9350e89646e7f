import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { createActivities } from '../../activities';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { createMailTransport, type MailTransport } from '../../emails/transport';
import type { TemporalHandle } from '../../server/temporal/client';
import { runStateQuery } from '../../workflows/journey-run';
import { freePort } from '../services/free-port';
import { startSmtpSink } from '../services/smtp-sink';

/** Signs the email links the test worker sends; tests verify them with the same value. */
export const testAppSecret = 'integration-test-secret-0123456789abcdef';

export interface JourneyTestStack {
  database: DatabaseHandle;
  client: Client;
  taskQueue: string;
  /** The shape the app's tRPC context expects. */
  temporal: TemporalHandle;
  stop: () => Promise<void>;
}

let runtimeInstalled = false;

/**
 * A real worker (bundled interpreter + real activities) on its own task queue, a real SMTP
 * sink and a Temporal client, over the integration run's shared Postgres and Temporal.
 */
export type TestActivities = ReturnType<typeof createActivities>;

export async function startJourneyTestStack(
  options: {
    /** Replaces some real activities, e.g. to fail one attempt on purpose; gets the real ones. */
    overrideActivities?: (real: TestActivities) => Partial<TestActivities>;
  } = {},
): Promise<JourneyTestStack> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const address = inject('temporalAddress');
  const taskQueue = `it-${randomUUID()}`;
  const database = connectDatabase(inject('databaseUrl'));
  const sink = await startSmtpSink({ port: await freePort(), db: database.db });
  const transport: MailTransport = createMailTransport(sink.url);
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../../workflows/index.ts', import.meta.url)),
    activities: withOverrides(
      createActivities({
        db: database.db,
        temporal: client,
        taskQueue,
        transport,
        mailFrom: 'Demo Shop <hello@demo-shop.test>',
        appUrl: 'http://localhost:3000',
        appSecret: testAppSecret,
      }),
      options.overrideActivities,
    ),
  });
  const running = worker.run();
  return {
    database,
    client,
    taskQueue,
    temporal: {
      client,
      settings: { address, namespace: 'default', taskQueue },
      close: async () => {},
    },
    stop: async () => {
      worker.shutdown();
      await running;
      transport.close();
      await sink.stop();
      await Promise.allSettled([nativeConnection.close(), connection.close(), database.close()]);
    },
  };
}

function withOverrides(
  real: TestActivities,
  override: ((real: TestActivities) => Partial<TestActivities>) | undefined,
): TestActivities {
  return override ? { ...real, ...override(real) } : real;
}

/** Resolves once the run waits for an event (its state query says so); fails after ≈10 s. */
export async function untilWaitingForEvent(client: Client, workflowId: string): Promise<void> {
  const handle = client.workflow.getHandle(workflowId);
  for (let i = 0; i < 200; i++) {
    const state = await handle.query(runStateQuery);
    if (state.waiting?.kind === 'event') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${workflowId} never reached its wait`);
}
