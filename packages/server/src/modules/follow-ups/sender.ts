import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../deps.js';
import type { FollowUpRow } from '../../db/schema.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import { composeFollowUp, senderName } from './compose.js';
import { afterFailure, sendDecision } from './decide.js';
import * as repo from './repo.js';
import { secretBoxOf, type SecretBox } from './secret-box.js';
import { sendMail, type SendOutcome } from './smtp.js';

type SenderDeps = Pick<Deps, 'db' | 'config'>;

/** How long a claimed follow-up stays its sender's: the SMTP exchange's bound twice, and some. */
export const leaseMsOf = (config: Deps['config']) => config.smtpTimeoutSeconds * 2000 + 10_000;

/** The domain of a Message-ID: the sender address's, else the server's. */
function messageIdFor(id: string, fromAddress: string, base: string): string {
  const domain = fromAddress.split('@')[1] || safeHost(base) || 'parley.invalid';
  return `<follow-up.${id}@${domain}>`;
}

const safeHost = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
};

/**
 * Sends one claimed follow-up and records what happened. The row is this sender's until its lease ends; the
 * result is written only if it still is (same owner, same attempt). Returns false when nothing was due.
 */
export async function sendOne(
  deps: SenderDeps,
  box: SecretBox,
  owner: string,
  log: Pick<FastifyBaseLogger, 'warn'>,
  opts: { jitter?: () => number } = {},
): Promise<boolean> {
  const { db, config } = deps;
  const f = await repo.claimNext(db, owner, leaseMsOf(config), config.followUpAnswerDelaySeconds);
  if (!f) return false;
  const ctx = await repo.sendingContext(db, f);
  const decision = ctx
    ? sendDecision({
        kind: f.kind,
        enabled: !!ctx.enabled,
        optedOut: ctx.opted_out,
        chatMode: ctx.mode,
        chatClosed: ctx.status === 'closed',
      })
    : ({ send: false, reason: 'The chat or its campaign is gone' } as const);
  if (!decision.send || !ctx) {
    await repo.finishAttempt(db, f, owner, {
      state: 'skipped',
      last_error: decision.send ? '' : decision.reason,
    });
    return true;
  }
  const base = config.publicUrl ?? ctx.base_url ?? '';
  let outcome: SendOutcome;
  try {
    const password = ctx.password_enc ? await box.decrypt(ctx.password_enc, f.campaign_id) : null;
    const { email, unsubscribe } = await composeFollowUp(db, box, f, ctx, base);
    const messageId = await repo.fixMessageId(db, f.id, messageIdFor(f.id, ctx.from_address ?? '', base));
    outcome = await sendMail(
      {
        host: ctx.host ?? '',
        port: ctx.port ?? 587,
        security: ctx.security ?? 'starttls',
        username: ctx.username ?? '',
        password,
      },
      {
        from: { name: senderName(ctx), address: ctx.from_address ?? '' },
        replyTo: ctx.reply_to || undefined,
        to: f.to_address,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId,
        headers: {
          // RFC 2369 and RFC 8058: mail programs offer "unsubscribe", and may do it with one POST.
          'List-Unsubscribe': `<${unsubscribe}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'Auto-Submitted': 'auto-generated',
          'X-Parley-Follow-Up': f.id,
        },
      },
      config.smtpTimeoutSeconds * 1000,
    );
  } catch (err) {
    // The database went away mid-way (nothing was sent): the lease lets another attempt take it later.
    if (isDatabaseUnavailable(err)) throw err;
    // A password that cannot be decrypted, a mail that cannot be composed: a failure like the server's.
    outcome = { ok: false, reason: 'other', detail: (err as Error).message, permanent: false };
  }
  if (outcome.ok) {
    // Sent. Should this instance die before the next line commits, the lease ends and the email goes again,
    // with the same Message-ID (docs/follow-ups.md, "Exactly once, almost").
    await recordOutcome(
      () => repo.finishAttempt(db, f, owner, { state: 'sent', last_error: '' }),
      leaseMsOf(config),
    );
    return true;
  }
  const next = afterFailure(
    f.attempts,
    config.followUpAttempts,
    config.followUpRetrySeconds,
    outcome,
    opts.jitter?.() ?? Math.random(),
  );
  const reason = `${outcome.reason}: ${outcome.detail}`;
  log.warn({ followUp: f.id, attempt: f.attempts, reason: outcome.reason }, 'follow-up not sent');
  await recordOutcome(
    () =>
      repo.finishAttempt(
        db,
        f,
        owner,
        next.state === 'failed'
          ? { state: 'failed', last_error: reason }
          : { last_error: reason, retryInMs: next.retryInMs },
      ),
    leaseMsOf(config),
  );
  return true;
}

/**
 * Records what an attempt did, trying again while the database is unreachable (0.25 s, doubling to 5 s) for at
 * most the lease: an email that was sent is then not sent again merely because the database blinked.
 */
async function recordOutcome(write: () => Promise<unknown>, withinMs: number): Promise<void> {
  const until = Date.now() + withinMs;
  for (let wait = 250; ; wait = Math.min(wait * 2, 5000)) {
    try {
      await write();
      return;
    } catch (err) {
      if (!isDatabaseUnavailable(err) || Date.now() + wait > until) throw err;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** Moves passwords stored under an earlier key to the current one (SECRETS_OLD_KEYS; docs/follow-ups.md). */
export async function reencryptPasswords(deps: SenderDeps, box: SecretBox): Promise<number> {
  let moved = 0;
  for (const row of await repo.storedPasswords(deps.db)) {
    if (!row.password_enc || (await box.isCurrent(row.password_enc))) continue;
    try {
      const plain = await box.decrypt(row.password_enc, row.campaign_id);
      await repo.replacePassword(
        deps.db,
        row.campaign_id,
        row.password_enc,
        await box.encrypt(plain, row.campaign_id),
      );
      moved++;
    } catch {
      // A key no longer configured: the manager enters the password again (the send says so).
    }
  }
  return moved;
}

export type FollowUpSender = { tick(): Promise<void>; stop(): Promise<void> };

/**
 * The outbox's sender (FUP-2), in every instance: each tick sends what is due, one follow-up at a time, until none
 * is. The database decides who sends what (claims with SKIP LOCKED and a lease), so running it everywhere is safe,
 * and a restarted or killed instance loses nothing. A lost database connection fails the tick (logged), never the
 * process; the next tick goes on.
 */
export function startFollowUpSender(
  deps: SenderDeps,
  log: Pick<FastifyBaseLogger, 'warn' | 'error' | 'info'>,
  opts: { instanceId: string; intervalMs?: number; maxPerTick?: number },
): FollowUpSender {
  const box = secretBoxOf(deps.config);
  let current: Promise<void> | null = null;
  let stopped = false;
  let rotated = false;
  const runOnce = async () => {
    try {
      if (!rotated) {
        const moved = await reencryptPasswords(deps, box);
        rotated = true;
        if (moved > 0) log.info({ moved }, 'SMTP passwords encrypted again with the current key');
      }
      for (let i = 0; i < (opts.maxPerTick ?? 50) && !stopped; i++) {
        if (!(await sendOne(deps, box, opts.instanceId, log))) break;
      }
    } catch (err) {
      if (isDatabaseUnavailable(err))
        log.warn({ err: (err as Error).message }, 'follow-up sender: database unreachable');
      else log.error({ err }, 'follow-up sender failed');
    }
  };
  const start = () => {
    current = runOnce().finally(() => {
      current = null;
    });
    return current;
  };
  const timer = setInterval(() => {
    if (!current && !stopped) void start();
  }, opts.intervalMs ?? 1000);
  timer.unref();
  return {
    async tick() {
      while (current) await current;
      await start();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (current) await current;
    },
  };
}

export type { FollowUpRow };
