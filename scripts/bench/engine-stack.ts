import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { connectDatabase, type Database } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { createMailTransport } from '../../emails/transport';
import { freePort } from '../services/free-port';
import { startEmbeddedPostgres } from '../services/postgres';
import { startSmtpSink } from '../services/smtp-sink';
import { startTemporalDevServer } from '../services/temporal';

export interface EngineBenchStack {
  db: Database;
  client: Client;
  /** Where Temporal's SQLite lives (tmpfs when there is one), for the printed setup line. */
  temporalDataDir: string;
  /** Runs `stop` among the stack's own teardown, before the services it may still use. */
  onStop: (stop: () => Promise<unknown>) => void;
  stop: () => Promise<void>;
}

/**
 * A throw-away engine for the engine benchmarks: embedded Postgres, a Temporal dev server
 * with its SQLite on tmpfs (on disk its fsyncs, ≈8 runs/s here, would be the figure), an
 * SMTP sink and one worker with the real activities over `workflowsPath`. Not the
 * integration stack: benchmarks must not share a server with anything else.
 */
export async function startEngineBenchStack(options: {
  name: string;
  taskQueue: string;
  workflowsPath: string;
}): Promise<EngineBenchStack> {
  // Before any native connection, which would install the default (chatty) runtime.
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const dir = await mkdtemp(path.join(os.tmpdir(), `${options.name}-`));
  // mkdtemp makes it private; Postgres, running as its own user under root, must reach it.
  await chmod(dir, 0o755);
  const temporalDir = await mkdtemp(
    path.join(existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), `${options.name}-`),
  );
  const [pgPort, temporalPort, smtpPort] = [await freePort(), await freePort(), await freePort()];
  const stops: Array<() => Promise<unknown>> = [
    async () => rm(dir, { recursive: true, force: true }),
    async () => rm(temporalDir, { recursive: true, force: true }),
  ];
  const stop = async () => {
    for (const each of stops.reverse()) await each().catch(() => {});
  };
  try {
    const [pg, temporal] = await Promise.all([
      startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: pgPort }),
      startTemporalDevServer({
        dbFile: path.join(temporalDir, 'temporal.db'),
        port: temporalPort,
        ui: false,
      }),
    ]);
    stops.push(
      () => pg.stop(),
      () => temporal.stop(),
    );
    await migrateDatabase(pg.url);
    const database = connectDatabase(pg.url, { max: 10 });
    stops.push(() => database.close());
    const { db } = database;
    const sink = await startSmtpSink({ port: smtpPort, db });
    stops.push(() => sink.stop());
    const transport = createMailTransport(sink.url);
    stops.push(async () => transport.close());
    const connection = await Connection.connect({ address: temporal.address });
    stops.push(() => connection.close());
    const client = new Client({ connection });
    const nativeConnection = await NativeConnection.connect({ address: temporal.address });
    stops.push(() => nativeConnection.close());
    const worker = await Worker.create({
      connection: nativeConnection,
      taskQueue: options.taskQueue,
      workflowBundle: await bundleWorkflowCode({
        workflowsPath: options.workflowsPath,
        logger: new DefaultLogger('ERROR'),
      }),
      activities: createActivities({
        db,
        temporal: client,
        taskQueue: options.taskQueue,
        transport,
        mailFrom: 'Bench <bench@demo-shop.test>',
        appUrl: 'http://localhost:3000',
        appSecret: 'bench-secret-0123456789abcdef0123456789',
      }),
    });
    const running = worker.run();
    stops.push(async () => {
      worker.shutdown();
      await running;
    });
    return {
      db,
      client,
      temporalDataDir: path.dirname(temporalDir),
      onStop: (each) => void stops.push(each),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
