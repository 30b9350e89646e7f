import { z } from 'zod';

/**
 * Every environment variable the system reads, validated once at start so a typo fails
 * loudly with the variable's name instead of surfacing later as a connection error.
 * The three connection variables are optional: left unset, `npm start` runs the embedded
 * default and hands the resolved value to the worker and the web app.
 */
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:/]+:\d+$/, 'must be host:port, e.g. localhost:7233')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('journeys'),
  TEMPORAL_UI_URL: z.url().optional(),
  TEMPORAL_CLI: z.string().min(1).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Demo Shop <hello@demo-shop.test>'),
  /** Messages per second through the worker's SMTP transport; unset: as fast as the server takes them. */
  SMTP_MAX_PER_SECOND: z.coerce.number().int().min(1).optional(),
  /** DKIM signing, all three or none (checked by emails/transport.ts `dkimFromEnv`). */
  DKIM_DOMAIN: z
    .string()
    .regex(/^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/, 'must be a domain name, e.g. mail.example.com')
    .optional(),
  DKIM_SELECTOR: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, 'must be a DNS label, e.g. journeys2026')
    .optional(),
  DKIM_PRIVATE_KEY: z.string().min(1).optional(),
  /** Requests per minute one API key may make (loyalty and events APIs); over it, 429 with Retry-After. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
  /** Seconds between analytics rollup refreshes in each worker (worker/analytics-refresh-loop.ts); 0 turns them off. */
  ANALYTICS_REFRESH_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** `1`: production webhooks may call private and loopback addresses (activities/webhook-destination.ts). */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: z.enum(['0', '1']).default('0'),
  /** Public URL of the web app (links in emails); defaults to localhost on PORT. */
  APP_URL: z.url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).default(5439),
  TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  SMTP_SINK_PORT: z.coerce.number().int().min(1).max(65535).default(2525),
  DATA_DIR: z.string().min(1).default('.data'),
  /** `1`: delete the data directory first, for a run that must start from the demo seed (e2e). */
  RESET_DATA: z.enum(['0', '1']).default('0'),
  /**
   * `production`: `npm start` builds the web app once and serves the build (`next start`)
   * instead of `next dev`, which compiles each page on its first request. The e2e suite runs
   * so: the specs no longer wait on the compiler, and they test what is deployed.
   */
  WEB_MODE: z.enum(['dev', 'production']).default('dev'),
  /** Next.js build directory; the e2e stack uses its own so it can run beside `npm start`. */
  NEXT_DIST_DIR: z.string().min(1).optional(),
  /**
   * Signs the links in customer emails (member page, unsubscribe). `npm start` generates
   * one on first start and keeps it in `<DATA_DIR>/app-secret`, so links survive restarts.
   */
  APP_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
});

export type Env = Omit<z.infer<typeof envSchema>, 'APP_URL'> & { APP_URL: string };

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty variable means "unset" (e.g. `DATABASE_URL= npm start`, or a test clearing it).
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return { ...result.data, APP_URL: result.data.APP_URL ?? `http://localhost:${result.data.PORT}` };
}

/** For processes that need a concrete value (worker, web app): names the missing variable. */
export function requireEnv<K extends keyof Env>(env: Env, key: K): NonNullable<Env[K]> {
  const value = env[key];
  if (value === undefined || value === '') {
    throw new EnvError(
      `${String(key)} is not set. Start everything with "npm start" (which provides embedded defaults) or set ${String(key)}.`,
    );
  }
  return value as NonNullable<Env[K]>;
}
