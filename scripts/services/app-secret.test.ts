import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnv } from '../../config/env';
import { loadOrCreateAppSecret } from './app-secret';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'app-secret-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('loadOrCreateAppSecret', () => {
  it('creates a secret once, private to the owner, and reuses it on the next start', async () => {
    const dataDir = path.join(await tempDir(), 'nested');
    const first = await loadOrCreateAppSecret(dataDir);
    expect(first.created).toBe(true);
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect((await stat(path.join(dataDir, 'app-secret'))).mode & 0o777).toBe(0o600);

    const second = await loadOrCreateAppSecret(dataDir);
    expect(second).toEqual({ secret: first.secret, created: false });
  });

  it('replaces a stored value too short to sign with', async () => {
    const dataDir = await tempDir();
    await writeFile(path.join(dataDir, 'app-secret'), 'short\n', { mode: 0o644 });
    const result = await loadOrCreateAppSecret(dataDir);
    expect(result.created).toBe(true);
    expect((await readFile(path.join(dataDir, 'app-secret'), 'utf8')).trim()).toBe(result.secret);
    expect((await stat(path.join(dataDir, 'app-secret'))).mode & 0o777).toBe(0o600);
  });
});

describe('APP_SECRET', () => {
  it('must be at least 32 characters', () => {
    expect(() => parseEnv({ APP_SECRET: 'too-short' })).toThrow(/APP_SECRET: must be at least 32 characters/);
    expect(parseEnv({ APP_SECRET: 'x'.repeat(32) }).APP_SECRET).toBe('x'.repeat(32));
  });
});
