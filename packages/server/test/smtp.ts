import net from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server for tests (the smtp-server package, on 127.0.0.1): it keeps every email it accepted, parsed,
 * with its raw text. It can be stopped and started again on the same port (an SMTP server that is down), ask for
 * a user and password, speak TLS from the start with its own self-signed certificate, and hold the answer to an
 * email until the test lets it go (to cut a sender off between "sent" and "marked sent").
 */
export type TestSmtp = {
  port: number;
  /** Every email accepted, in order. */
  mails: (ParsedMail & { raw: string })[];
  /** Emails that arrived in full but whose sender vanished before the server could say "accepted". */
  abandoned: string[];
  /** While set, each email's answer waits for this promise (the email is in `held` meanwhile). */
  hold: Promise<void> | null;
  held: { raw: string; session: string }[];
  /** Whether the connection that brought the `i`th held email is closed (its sender gone). */
  heldConnectionClosed(i: number): boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
};

export async function startSmtp(
  opts: { user?: string; password?: string; secure?: boolean; port?: number } = {},
): Promise<TestSmtp> {
  let server: SMTPServer | undefined;
  const closed = new Set<string>();
  const state: TestSmtp = {
    port: opts.port ?? 0,
    mails: [],
    abandoned: [],
    hold: null,
    held: [],
    heldConnectionClosed: (i) => closed.has(state.held[i]?.session ?? ''),
    async stop() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((r) => s.close(() => r()));
    },
    async start() {
      server = new SMTPServer({
        secure: opts.secure ?? false,
        authOptional: !opts.user,
        allowInsecureAuth: true,
        disabledCommands: opts.secure ? [] : ['STARTTLS'],
        logger: false,
        onClose(session) {
          closed.add(session.id);
        },
        onAuth(auth, _session, cb) {
          if (auth.username === opts.user && auth.password === opts.password)
            return cb(null, { user: auth.username });
          const err = new Error('5.7.8 Authentication credentials invalid') as Error & {
            responseCode: number;
          };
          err.responseCode = 535;
          return cb(err);
        },
        onData(stream, session, cb) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            const accept = async () => {
              if (state.hold) {
                state.held.push({ raw, session: session.id });
                await state.hold;
                // The sender may be gone by now: a server that cannot say "accepted" keeps nothing.
                if (closed.has(session.id)) return void state.abandoned.push(raw);
              }
              state.mails.push(Object.assign(await simpleParser(raw), { raw }));
              cb(null, 'Queued as test');
            };
            void accept().catch((err: Error) => cb(err));
          });
        },
      });
      server.on('error', () => undefined);
      const s = server;
      await new Promise<void>((resolve, reject) => {
        s.listen(state.port, '127.0.0.1', () => resolve());
        s.server.once('error', reject);
      });
      state.port = (s.server.address() as net.AddressInfo).port;
    },
  };
  await state.start();
  return state;
}

/** A port on 127.0.0.1 that nothing listens on (an unreachable SMTP server). */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}
