import 'server-only';
import { requireEnv } from '../../config/env';
import { serverEnv } from '../env';
import { connectTemporal, type TemporalHandle } from './client';

const holder = globalThis as typeof globalThis & { __journeyTemporal?: Promise<TemporalHandle> };

/**
 * The web app's Temporal client, connected on first use and shared by all requests (on
 * globalThis so `next dev` reloads reuse it). A failed connection is forgotten, so the
 * next request tries again instead of failing forever after Temporal was briefly down.
 */
export function getTemporal(): Promise<TemporalHandle> {
  if (!holder.__journeyTemporal) {
    const env = serverEnv();
    const connecting = connectTemporal({
      address: requireEnv(env, 'TEMPORAL_ADDRESS'),
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
    });
    holder.__journeyTemporal = connecting;
    connecting.catch(() => {
      if (holder.__journeyTemporal === connecting) holder.__journeyTemporal = undefined;
    });
  }
  return holder.__journeyTemporal;
}
