// `npm run temporal:install`: builds (or finds) the Temporal CLI and prints its path, then
// prepares the Java time-skipping test server and prints its path and cold start.
import { resolveTemporalCli } from './services/temporal-cli';
import {
  measureTestServerStartup,
  resolveTemporalTestServer,
  TestServerUnavailableError,
} from './services/temporal-test-server';

async function main(): Promise<void> {
  console.log(await resolveTemporalCli());
  try {
    const testServer = await resolveTemporalTestServer();
    const startupMs = await measureTestServerStartup(testServer);
    console.log(`${testServer} (cold start to first gRPC answer: ${startupMs} ms; the SDK allows 5000 ms)`);
  } catch (error) {
    // Without Java or Maven the time-skipping tests skip with this same message; the CLI still serves.
    if (!(error instanceof TestServerUnavailableError)) throw error;
    console.log(`time-skipping test server unavailable: ${error.message}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
