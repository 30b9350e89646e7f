import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Pinned: later tags carry a `replace` directive, which `go install` refuses. */
export const temporalCliVersion = 'v1.5.1';
const cliModule = `github.com/temporalio/cli/cmd/temporal@${temporalCliVersion}`;

/** Outside the clone, keyed by version, so every clone and CI run on this machine reuse one build. */
export function cachedCliPath(): string {
  const cacheRoot = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cacheRoot, 'temporal-cli', temporalCliVersion, 'temporal');
}

function onPath(command: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const found = result.stdout.trim();
  return result.status === 0 && found ? found : undefined;
}

/**
 * Finds the Temporal CLI: `TEMPORAL_CLI`, then `temporal` on PATH, then our cached build;
 * failing those, builds it once with `go install`. Never downloads a prebuilt binary.
 */
export async function resolveTemporalCli(log: (line: string) => void = console.log): Promise<string> {
  const configured = process.env.TEMPORAL_CLI;
  if (configured) {
    if (!existsSync(configured))
      throw new Error(`TEMPORAL_CLI points to ${configured}, which does not exist.`);
    return configured;
  }
  const fromPath = onPath('temporal');
  if (fromPath) return fromPath;
  const cached = cachedCliPath();
  if (existsSync(cached)) return cached;
  if (!onPath('go')) {
    throw new Error(
      'The Temporal CLI was not found. Install it (https://docs.temporal.io/cli, e.g. "brew install temporal"), ' +
        `put "temporal" on PATH or set TEMPORAL_CLI, or install Go and run "npm run temporal:install" ` +
        `(builds ${cliModule} into ${path.dirname(cached)}).`,
    );
  }
  await buildTemporalCli(log);
  return cached;
}

export async function buildTemporalCli(log: (line: string) => void = console.log): Promise<string> {
  const target = cachedCliPath();
  await mkdir(path.dirname(target), { recursive: true });
  log(`temporal  building the Temporal CLI ${temporalCliVersion} with go install (once; a few minutes)…`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn('go', ['install', cliModule], {
      env: { ...process.env, GOBIN: path.dirname(target), CGO_ENABLED: '0' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`go install ${cliModule} failed with exit code ${code}`)),
    );
  });
  return target;
}
