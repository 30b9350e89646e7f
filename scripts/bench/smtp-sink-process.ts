import { connectDatabase } from '../../db/client';
import { startSmtpSink } from '../services/smtp-sink';

/**
 * The SMTP sink on its own, as `npm start` runs it (in the orchestrator, not in the worker):
 * the email benchmark starts it as a child so the sink's parsing and storing does not share
 * one Node thread with the sender being measured. Prints `ready <port>`; stops on SIGTERM.
 */
const [databaseUrl, port] = process.argv.slice(2);
if (!databaseUrl || !port) {
  console.error('usage: smtp-sink-process.ts <database url> <port>');
  process.exit(2);
}
const handle = connectDatabase(databaseUrl, { max: 4 });
const sink = await startSmtpSink({ port: Number(port), db: handle.db });
console.log(`ready ${sink.port}`);
process.on('SIGTERM', () => {
  void sink
    .stop()
    .then(() => handle.close())
    .finally(() => process.exit(0));
});
