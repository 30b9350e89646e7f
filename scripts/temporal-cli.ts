// `npm run temporal:install`: builds (or finds) the Temporal CLI and prints its path.
import { resolveTemporalCli } from './services/temporal-cli';

resolveTemporalCli()
  .then((cli) => console.log(cli))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
