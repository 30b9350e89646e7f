import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench`: every benchmark in turn; `npm run bench -- journeys ingestion` runs the
 * named ones. Each runs in a process of its own (its own embedded services, no warm caches
 * from the one before). Figures only; nothing is asserted. `conditions` are Node export
 * conditions, e.g. `react-server` for route handlers that import `server-only`, loaded as
 * Next.js loads them.
 */
const benches: Record<string, { script: string; conditions?: string[] }> = {
  ledger: { script: 'ledger.ts' },
  ingestion: { script: 'ingestion.ts', conditions: ['react-server'] },
  journeys: { script: 'journeys.ts' },
  broadcast: { script: 'broadcast.ts' },
  email: { script: 'email.ts' },
  analytics: { script: 'analytics.ts' },
  editor: { script: 'editor.ts' },
};

const here = path.dirname(fileURLToPath(import.meta.url));
const tsx = path.join(here, '../../node_modules/.bin/tsx');

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in benches));
if (unknown.length > 0) {
  console.error(`Unknown bench ${unknown.join(', ')}; choose from ${Object.keys(benches).join(', ')}.`);
  process.exit(2);
}

async function run(name: string): Promise<number> {
  const bench = benches[name]!;
  const args = [...(bench.conditions ?? []).map((c) => `--conditions=${c}`), path.join(here, bench.script)];
  const child = spawn(tsx, args, { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

let failed = 0;
for (const name of requested.length > 0 ? requested : Object.keys(benches)) {
  if ((await run(name)) !== 0) {
    console.error(`bench ${name} failed`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
