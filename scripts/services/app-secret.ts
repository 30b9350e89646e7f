import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { minimumSecretLength } from '../../emails/signed-link';

/**
 * The secret that signs email links, kept in `<dataDir>/app-secret` (mode 0600): generated
 * once, then reused, so links in mails already sent keep working across restarts.
 */
export async function loadOrCreateAppSecret(dataDir: string): Promise<{ secret: string; created: boolean }> {
  const file = path.join(dataDir, 'app-secret');
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= minimumSecretLength) {
      // Tighten the mode in case someone copied the file around with a looser one.
      await chmod(file, 0o600);
      return { secret: stored, created: false };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  // writeFile's mode applies only when it creates the file; an existing short one is rewritten.
  await chmod(file, 0o600);
  return { secret, created: true };
}
