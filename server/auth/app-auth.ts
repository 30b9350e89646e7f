import 'server-only';
import { getDatabase } from '../database';
import { serverEnv } from '../env';
import { createAuth, type Auth } from './auth';

const holder = globalThis as typeof globalThis & { __journeyAuth?: Auth };

/** The web app's better-auth instance, built on first use (on globalThis for `next dev` reloads). */
export function getAuth(): Auth {
  holder.__journeyAuth ??= createAuth(getDatabase(), serverEnv());
  return holder.__journeyAuth;
}
