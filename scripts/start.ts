import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { EnvError, parseEnv } from '../config/env';
import { connectDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { ensureDefaultTopics } from '../db/compliance/topics';
import { seedDemoData } from '../db/seed';
import { addMissingStarterTemplates } from '../db/templates/starter-templates';
import { connectTemporal } from '../server/temporal/client';
import { ensureExpirySchedule } from '../server/temporal/expiry-schedule';
import { reconcileTriggerSchedules } from '../server/temporal/reconcile-trigger-schedules';
import { loadOrCreateAppSecret } from './services/app-secret';
import { postgresDataDir, startEmbeddedPostgres } from './services/postgres';
import { ensureDemoAdmin } from './services/demo-login';
import { startSmtpSink } from './services/smtp-sink';
import { registerSearchAttributes, startTemporalDevServer } from './services/temporal';

/**
 * `npm start`: the whole system in one terminal. Each part runs its embedded default
 * unless its variable points at a real deployment (DATABASE_URL, TEMPORAL_ADDRESS,
 * SMTP_URL). Ctrl-C stops everything in reverse order.
 */
const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
let shuttingDown = false;

function say(service: string, message: string): void {
  console.log(`${service.padEnd(9)} ${message}`);
}

async function main(): Promise<void> {
  const env = parseEnv();
  const dataDir = path.resolve(env.DATA_DIR);
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGHUP', () => void shutdown(0));
  if (env.RESET_DATA === '1') {
    await rm(postgresDataDir(path.join(dataDir, 'postgres')), { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
    say('start', `RESET_DATA=1: removed ${env.DATA_DIR}, starting from the demo seed`);
  }

  // Built while the services start: the build needs none of them.
  const webBuilt = env.WEB_MODE === 'production' ? buildWebApp(env.NEXT_DIST_DIR) : undefined;
  // Awaited in the end, but never left to reject unseen if a service fails first.
  webBuilt?.catch(() => {});

  // The link-signing secret: the caller's, else the one kept in the data directory.
  let appSecret = env.APP_SECRET;
  if (appSecret) {
    say('start', 'using APP_SECRET for signed email links');
  } else {
    const stored = await loadOrCreateAppSecret(dataDir);
    appSecret = stored.secret;
    say(
      'start',
      `${stored.created ? 'generated' : 'using'} the email link secret in ${path.join(env.DATA_DIR, 'app-secret')}`,
    );
  }

  // Postgres
  let databaseUrl = env.DATABASE_URL;
  if (databaseUrl) {
    say('postgres', `using DATABASE_URL (${redact(databaseUrl)})`);
  } else {
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      port: env.POSTGRES_PORT,
    });
    stops.push({ name: 'postgres', stop: pg.stop });
    databaseUrl = pg.url;
    say(
      'postgres',
      `embedded, listening on 127.0.0.1:${env.POSTGRES_PORT} (data in ${path.join(env.DATA_DIR, 'postgres')})`,
    );
  }
  await migrateDatabase(databaseUrl);
  const database = connectDatabase(databaseUrl, { max: 4 });
  stops.push({ name: 'database pool', stop: database.close });
  const seed = await seedDemoData(database.db);
  say(
    'postgres',
    seed.seeded ? 'migrated; demo workspace "Demo Shop" seeded' : 'migrated; existing data kept',
  );
  // Starters added in a release reach existing workspaces; edited ones are never touched.
  for (const { workspaceId, added } of await addMissingStarterTemplates(database.db))
    say('postgres', `workspace ${workspaceId}: added starter templates ${added.join(', ')}`);
  // Workspaces from before email topics existed get the default ones (news, loyalty, feedback).
  for (const { workspaceId, added } of await ensureDefaultTopics(database.db))
    say('postgres', `workspace ${workspaceId}: added email topics ${added.join(', ')}`);

  // `npm start` is the development stack: an install without accounts gets a demo admin.
  const demo = await ensureDemoAdmin(database.db, dataDir);

  // SMTP
  let smtpUrl = env.SMTP_URL;
  if (smtpUrl) {
    say('smtp', `using SMTP_URL (${redact(smtpUrl)})`);
  } else {
    const sink = await startSmtpSink({ port: env.SMTP_SINK_PORT, db: database.db });
    stops.push({ name: 'smtp sink', stop: sink.stop });
    smtpUrl = sink.url;
    say(
      'smtp',
      `sink listening on 127.0.0.1:${env.SMTP_SINK_PORT}; received mail is shown at ${env.APP_URL}/inbox`,
    );
  }

  // Temporal
  let temporalAddress = env.TEMPORAL_ADDRESS;
  let temporalUiUrl = env.TEMPORAL_UI_URL;
  if (temporalAddress) {
    await registerSearchAttributes(temporalAddress, env.TEMPORAL_NAMESPACE);
    say('temporal', `using TEMPORAL_ADDRESS ${temporalAddress} (namespace ${env.TEMPORAL_NAMESPACE})`);
  } else {
    const temporal = await startTemporalDevServer({
      dbFile: path.join(dataDir, 'temporal.db'),
      port: env.TEMPORAL_PORT,
      ui: true,
      uiPort: env.TEMPORAL_UI_PORT,
      namespace: env.TEMPORAL_NAMESPACE,
      // The dev server's banner repeats what we print; relay only its warnings and errors,
      // and nothing once we are stopping (cancelled polls are expected then).
      onLog: (line) => {
        if (!shuttingDown && /level=(WARN|ERROR)/.test(line)) say('temporal', line);
      },
    });
    stops.push({ name: 'temporal', stop: temporal.stop });
    temporalAddress = temporal.address;
    temporalUiUrl ??= temporal.uiUrl;
    say('temporal', `dev server listening on ${temporal.address}; Web UI at ${temporal.uiUrl}`);
  }
  const temporalClient = await connectTemporal({
    address: temporalAddress,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
  });
  const reconciled = await reconcileTriggerSchedules(
    database.db,
    temporalClient.client,
    env.TEMPORAL_TASK_QUEUE,
  );
  await ensureExpirySchedule(temporalClient.client, env.TEMPORAL_TASK_QUEUE);
  await temporalClient.close();
  if (reconciled > 0) say('temporal', `${reconciled} trigger schedule(s) checked`);

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE,
    TEMPORAL_TASK_QUEUE: env.TEMPORAL_TASK_QUEUE,
    SMTP_URL: smtpUrl,
    APP_URL: env.APP_URL,
    APP_SECRET: appSecret,
    ...(temporalUiUrl ? { TEMPORAL_UI_URL: temporalUiUrl } : {}),
    NEXT_TELEMETRY_DISABLED: '1',
    ...(env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: env.NEXT_DIST_DIR } : {}),
  };
  spawnService('worker', process.execPath, ['--import', 'tsx', 'worker/main.ts'], childEnv);
  if (webBuilt) await webBuilt;
  const nextCommand = env.WEB_MODE === 'production' ? 'start' : 'dev';
  spawnService('web', process.execPath, [nextBin(), nextCommand, '--port', String(env.PORT)], {
    ...childEnv,
    PORT: String(env.PORT),
  });
  say('web', `listening on http://localhost:${env.PORT} (Journeys, Runs, Customers, Inbox)`);
  if (demo.login) {
    say(
      'web',
      `${demo.created ? 'created the demo admin; sign in' : 'demo admin (unless you changed it)'}: ${demo.login.email} / ${demo.login.password}  (kept in ${path.join(env.DATA_DIR, 'demo-login.json')})`,
    );
  } else if (!demo.created) {
    say('web', 'sign in with your account; add one with "npm run create-admin -- --email … --name …"');
  }
}

/** `next build`, its output relayed; rejects, naming the exit, when the build fails. */
function buildWebApp(distDir: string | undefined): Promise<void> {
  say('web', `building the app (WEB_MODE=production) into ${distDir ?? '.next'}…`);
  const started = Date.now();
  const build = spawnService(
    'build',
    process.execPath,
    [nextBin(), 'build'],
    {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    { oneShot: true },
  );
  return new Promise((resolve, reject) => {
    build.once('exit', (code, signal) => {
      if (code === 0) {
        say('web', `built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
        resolve();
      } else reject(new Error(`next build failed (${signal ?? `exit code ${code}`}); its output is above`));
    });
  });
}

function nextBin(): string {
  return path.resolve('node_modules/next/dist/bin/next');
}

function spawnService(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  /** A step that ends by itself (a build): its exit is its caller's to judge. */
  { oneShot = false }: { oneShot?: boolean } = {},
): ChildProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const relay = (chunk: Buffer) => {
    // Terminal control sequences (cursor show/hide, colours) mean nothing once prefixed.
    const text = chunk.toString('utf8').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    for (const line of text.split('\n')) if (line.trim()) console.log(prefixed(name, line));
  };
  child.stdout?.on('data', relay);
  child.stderr?.on('data', relay);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    if (shuttingDown || oneShot) return;
    say(name, `exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
    void shutdown(1);
  });
  stops.push({
    name,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  });
  return child;
}

function prefixed(name: string, line: string): string {
  // The worker already writes its own "worker    …" lines.
  return line.startsWith(name.padEnd(9)) ? line : `${name.padEnd(9)} ${line}`;
}

async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  say('start', 'stopping…');
  for (const { name, stop } of stops.reverse()) {
    try {
      await stop();
    } catch (error) {
      say(name, `did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  say('start', 'stopped');
  process.exit(code);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}

main().catch(async (error: unknown) => {
  console.error(
    error instanceof EnvError
      ? error.message
      : `start     failed: ${error instanceof Error ? error.stack : error}`,
  );
  await shutdown(1);
});
