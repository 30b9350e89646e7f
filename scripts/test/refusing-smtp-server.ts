import { SMTPServer } from 'smtp-server';
import { createMailTransport, type MailTransport } from '../../emails/transport';
import { freePort } from '../services/free-port';

/**
 * A mail server that refuses every recipient with `550 5.1.1 No such user` (a hard bounce),
 * and a transport to it; `stop` closes both.
 */
export async function startRefusingSmtpServer(): Promise<{
  transport: MailTransport;
  stop: () => Promise<void>;
}> {
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo: (_address, _session, callback) =>
      callback(Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 })),
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const transport = createMailTransport(`smtp://127.0.0.1:${port}`);
  return {
    transport,
    stop: async () => {
      transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
