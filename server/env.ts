import { parseEnv, type Env } from '../config/env';

let cached: Env | undefined;

/**
 * The web app's environment, parsed on first use rather than at import, so `next build`
 * (which imports route modules without any of the runtime variables) does not fail.
 */
export function serverEnv(): Env {
  cached ??= parseEnv();
  return cached;
}
