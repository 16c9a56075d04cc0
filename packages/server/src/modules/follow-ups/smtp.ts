import nodemailer from 'nodemailer';
import type { SmtpSecurity } from '@parley/protocol';
import { classifySmtpError, type Classified, type SmtpError } from './decide.js';

/** Where and how to connect: a campaign's settings with the password in the clear (never stored so, never logged). */
export type SmtpServer = {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  password: string | null;
};

export type Mail = {
  from: { name: string; address: string };
  replyTo?: string | undefined;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers?: Record<string, string>;
};

export type SendOutcome = { ok: true; response: string } | ({ ok: false } & Classified);

/**
 * Sends one email over a new connection (no pool: follow-ups are few, and each campaign has its own server),
 * within `timeoutMs` for the whole exchange: every phase (connecting, TLS, greeting, each answer) has that bound
 * and so has the sum. Never throws: the outcome names the failure and keeps the server's own answer.
 */
export async function sendMail(server: SmtpServer, mail: Mail, timeoutMs: number): Promise<SendOutcome> {
  const transport = nodemailer.createTransport({
    host: server.host,
    port: server.port,
    secure: server.security === 'tls',
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'none',
    ...(server.username ? { auth: { user: server.username, pass: server.password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    logger: false,
    debug: false,
  });
  // The whole exchange has the bound too. Aborting closes the connection, so the server learns the sender gave up;
  // one that had the whole email may still deliver it (RFC 1047), and the next attempt is then a second copy with
  // the same Message-ID (docs/follow-ups.md, "Exactly once, almost").
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const info = await transport.sendMail({
      from: mail.from,
      to: mail.to,
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers ?? {},
      disableFileAccess: true,
      disableUrlAccess: true,
      signal: abort.signal,
    });
    return { ok: true, response: String(info.response ?? '') };
  } catch (err) {
    const e: SmtpError = abort.signal.aborted
      ? {
          code: 'ETIMEDOUT',
          message: `No answer from ${server.host}:${server.port} within ${Math.round(timeoutMs / 1000)} s`,
        }
      : (err as SmtpError);
    return { ok: false, ...classifySmtpError(e, server.password ? [server.password] : []) };
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}
