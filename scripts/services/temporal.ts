import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { journeySearchAttributes } from '../../workflows/journey/search-attributes';
import { resolveTemporalCli } from './temporal-cli';

export interface RunningTemporal {
  address: string;
  uiUrl: string | undefined;
  stop: () => Promise<void>;
}

// The proto package is CommonJS: reach the enum through its default export.
const { IndexedValueType } = proto.temporal.api.enums.v1;
const indexedType: Record<string, proto.temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  INT: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  TEXT: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/**
 * `temporal server start-dev` with its SQLite file under the data directory. Search
 * attributes are passed as flags (they take effect only when the namespace is created)
 * and registered again after start, which also covers an existing database file.
 */
export async function startTemporalDevServer(options: {
  dbFile: string;
  port: number;
  ui: boolean;
  uiPort?: number;
  namespace?: string;
  onLog?: (line: string) => void;
}): Promise<RunningTemporal> {
  const log = options.onLog ?? (() => {});
  const cli = await resolveTemporalCli(log);
  const namespace = options.namespace ?? 'default';
  await mkdir(path.dirname(path.resolve(options.dbFile)), { recursive: true });
  const uiPort = options.uiPort ?? options.port + 1000;
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    path.resolve(options.dbFile),
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    namespace,
    '--log-level',
    'error',
    ...(options.ui ? ['--ui-port', String(uiPort)] : ['--headless']),
    ...journeySearchAttributes.flatMap((key) => ['--search-attribute', `${key.name}=${key.type}`]),
  ];
  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => log(chunk.toString('utf8').trim()));
  child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString('utf8').trim()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const address = `127.0.0.1:${options.port}`;
  try {
    await Promise.race([
      waitForTemporal(address, 60_000),
      exited.then((code) => {
        throw new Error(
          `temporal server start-dev exited with code ${code} (is port ${options.port} taken?)`,
        );
      }),
    ]);
    await registerSearchAttributes(address, namespace);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    address,
    uiUrl: options.ui ? `http://127.0.0.1:${uiPort}` : undefined,
    stop: () => stopChild(child),
  };
}

async function waitForTemporal(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`Temporal at ${address} did not answer within ${timeoutMs} ms: ${error}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Idempotent: adds only the attributes the namespace lacks. Works against any Temporal server. */
export async function registerSearchAttributes(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const known = new Set([
      ...Object.keys(existing.customAttributes ?? {}),
      ...Object.keys(existing.systemAttributes ?? {}),
    ]);
    const missing = Object.fromEntries(
      journeySearchAttributes
        .filter((key) => !known.has(key.name))
        .map((key) => [key.name, indexedType[key.type]!]),
    );
    if (Object.keys(missing).length > 0) {
      await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
    }
  } finally {
    await connection.close();
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
