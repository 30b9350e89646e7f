import { defineConfig, devices } from '@playwright/test';

/**
 * The e2e suite drives the real stack (`scripts/start.ts`: embedded Postgres, Temporal dev
 * server, SMTP sink, worker, and the web app built and served as in production) on ports of
 * its own, in a fresh data directory per run, so it never touches a developer's `npm start`
 * data.
 *
 * Set E2E_BASE_URL to run the specs against a stack that is already running instead.
 */

const port = 3100;
const externalBaseUrl = process.env.E2E_BASE_URL;
const baseURL = externalBaseUrl ?? `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  globalSetup: './e2e/warm-up-routes.ts',
  // One stack, shared state (customers, inbox): specs run one at a time.
  workers: 1,
  fullyParallel: false,
  // A retry would enter the same customers again and double their points; fail loudly instead.
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    viewport: { width: 1440, height: 900 },
    // The UI follows the browser's language until the viewer picks one; specs start in English.
    locale: 'en-US',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  webServer: externalBaseUrl
    ? undefined
    : {
        command: 'npx tsx scripts/start.ts',
        url: `${baseURL}/api/health`,
        timeout: 300_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
        // start.ts stops its children on SIGTERM; give Postgres and Temporal time to shut down.
        gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
        env: {
          // Always a fresh demo seed (its birthdays are "today"), and never the caller's
          // real services: empty values mean "use the embedded default".
          DATA_DIR: '.data/e2e',
          RESET_DATA: '1',
          NEXT_DIST_DIR: '.next-e2e',
          // A build (about a minute, while the services start) instead of `next dev`, whose
          // compile of each page on its first request made the suite wait on the compiler.
          WEB_MODE: 'production',
          DATABASE_URL: '',
          TEMPORAL_ADDRESS: '',
          TEMPORAL_UI_URL: '',
          SMTP_URL: '',
          PORT: String(port),
          POSTGRES_PORT: '5449',
          TEMPORAL_PORT: '7243',
          TEMPORAL_UI_PORT: '8243',
          SMTP_SINK_PORT: '2535',
          APP_URL: baseURL,
        },
      },
});
