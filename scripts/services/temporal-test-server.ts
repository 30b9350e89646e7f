import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import { freePort } from './free-port';

/**
 * The Java time-skipping test server from Maven Central, as the `existing-path` executable of
 * `TestWorkflowEnvironment.createTimeSkipping`: the same program (`io.temporal.testserver.TestServer`,
 * same arguments) the SDK would otherwise download as a native binary, which we never do.
 */

const pomPath = fileURLToPath(new URL('../../tools/temporal-test-server/pom.xml', import.meta.url));
const mainClass = 'io.temporal.testserver.TestServer';
/** Any 3.x works; pinned so the install never asks Central which plugin is newest. */
const dependencyPlugin = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

/** Raised when the machine lacks Java or Maven: tests that need the server skip with its message. */
export class TestServerUnavailableError extends Error {
  override name = 'TestServerUnavailableError';
}

/** The pom is the one place the version is written; the cache directory is keyed by it. */
export function testServerVersion(): string {
  const version = /<temporal\.version>([^<]+)<\/temporal\.version>/.exec(readFileSync(pomPath, 'utf8'))?.[1];
  if (!version) throw new Error(`${pomPath} has no <temporal.version> property.`);
  return version.trim();
}

/** Outside the clone, keyed by version, so every clone and CI run on this machine reuse one copy. */
export function cachedTestServerDir(version = testServerVersion()): string {
  const cacheRoot = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cacheRoot, 'temporal-test-server', version);
}

function onPath(command: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const found = result.stdout.trim();
  return result.status === 0 && found ? found : undefined;
}

function javaCommand(): string | undefined {
  const fromHome = process.env.JAVA_HOME && path.join(process.env.JAVA_HOME, 'bin', 'java');
  if (fromHome && existsSync(fromHome)) return fromHome;
  return onPath('java');
}

/**
 * The wrapper the SDK spawns as `<wrapper> <port>`. It must `exec`: the SDK stops the server
 * with SIGKILL on its child, which a shell would not pass on, orphaning the JVM on the port.
 * Serial GC and C1 only: a short-lived server on 2 cores starts faster that way.
 */
function wrapperScript(version: string): string {
  return [
    '#!/bin/sh',
    `# Temporal time-skipping test server ${version} (written by scripts/services/temporal-test-server.ts).`,
    '# Called by @temporalio/testing as: <port>',
    'here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)',
    'java=java',
    'if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; fi',
    `exec "$java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -cp "$here/lib/*" ${mainClass} "$@"`,
    '',
  ].join('\n');
}

async function isInstalled(dir: string): Promise<boolean> {
  if (!existsSync(path.join(dir, 'temporal-test-server'))) return false;
  const jars = await readdir(path.join(dir, 'lib')).catch(() => [] as string[]);
  return jars.some((jar) => jar.startsWith('temporal-test-server-'));
}

/**
 * The path of the test server's wrapper: `TEMPORAL_TEST_SERVER` if set, else our cached copy,
 * which is made once with Maven's `copy-dependencies` (Maven's own repository cache makes a
 * second clone's copy quick). Throws `TestServerUnavailableError` without Java or Maven.
 */
export async function resolveTemporalTestServer(log: (line: string) => void = console.log): Promise<string> {
  const configured = process.env.TEMPORAL_TEST_SERVER;
  if (configured) {
    if (!existsSync(configured))
      throw new Error(`TEMPORAL_TEST_SERVER points to ${configured}, which does not exist.`);
    return configured;
  }
  const version = testServerVersion();
  const dir = cachedTestServerDir(version);
  const wrapper = path.join(dir, 'temporal-test-server');
  if (!javaCommand()) {
    throw new TestServerUnavailableError(
      'Java was not found (no JAVA_HOME, no "java" on PATH): the time-skipping test server needs a JRE 8+ ' +
        '(Debian: "apt-get install default-jre-headless maven"), then run "npm run temporal:install".',
    );
  }
  if (await isInstalled(dir)) return wrapper;
  if (!onPath('mvn')) {
    throw new TestServerUnavailableError(
      `Maven ("mvn") was not found: it copies the Temporal test server ${version} from Maven Central into ` +
        `${dir} once (Debian: "apt-get install maven"), then run "npm run temporal:install".`,
    );
  }
  await installTestServer(version, dir, log);
  return wrapper;
}

async function installTestServer(version: string, dir: string, log: (line: string) => void): Promise<void> {
  log(`temporal  copying the Temporal test server ${version} from Maven Central into ${dir} (once)…`);
  await mkdir(dir, { recursive: true });
  // Copy beside the target and rename, so a concurrent install or an interrupted one never
  // leaves a half-filled lib/ that the next run would take for complete.
  const staging = path.join(dir, `lib.${process.pid}.tmp`);
  await rm(staging, { recursive: true, force: true });
  const args = [
    '-B',
    '-q',
    '-Dstyle.color=never',
    '-f',
    pomPath,
    `${dependencyPlugin}:copy-dependencies`,
    '-DincludeScope=runtime',
    `-DoutputDirectory=${staging}`,
  ];
  await new Promise<void>((resolve, reject) => {
    const child = spawn('mvn', args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`mvn ${args.join(' ')} failed with exit code ${code}`)),
    );
  });
  const lib = path.join(dir, 'lib');
  await rm(lib, { recursive: true, force: true });
  try {
    await rename(staging, lib);
  } catch (error) {
    // Another install (a parallel test run) finished first: its copy is as good as ours.
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(path.join(lib, 'temporal-test-server-' + version + '.jar'))) throw error;
  }
  const wrapperTmp = path.join(dir, `temporal-test-server.${process.pid}.tmp`);
  await writeFile(wrapperTmp, wrapperScript(version));
  await chmod(wrapperTmp, 0o755);
  await rename(wrapperTmp, path.join(dir, 'temporal-test-server'));
}

/**
 * Milliseconds from spawning the wrapper to the server's first gRPC answer: the SDK gives it
 * 5 s (50 connects 100 ms apart), so this is the figure to watch on a slow machine.
 */
export async function measureTestServerStartup(wrapper: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(wrapper, [String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  let exitCode: number | null | undefined;
  child.on('exit', (code) => (exitCode = code));
  try {
    for (;;) {
      if (exitCode !== undefined)
        throw new Error(`The test server exited with code ${exitCode} before answering: ${stderr.trim()}`);
      if (performance.now() - started > 30_000)
        throw new Error('The test server did not answer within 30 s.');
      try {
        const connection = await Connection.connect({ address: `127.0.0.1:${port}`, connectTimeout: 500 });
        try {
          await connection.workflowService.getSystemInfo({});
        } finally {
          await connection.close();
        }
        return Math.round(performance.now() - started);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } finally {
    child.kill('SIGKILL');
  }
}
