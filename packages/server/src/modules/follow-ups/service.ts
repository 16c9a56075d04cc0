import { sql } from 'kysely';
import type {
  FailedFollowUpList,
  FollowUpKind,
  FollowUpPreview,
  FollowUpSettings,
  FollowUpSettingsInput,
  SmtpTestInput,
  SmtpTestResult,
} from '@parley/protocol';
import { smtpDefaultPort } from '@parley/protocol';
import type { Deps } from '../../deps.js';
import type { FollowUpSettingsRow } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { findCampaignRow } from '../campaigns/index.js';
import { accountTimeZone, findAccount } from '../accounts/index.js';
import { assertManager, type Actor } from '../identity/index.js';
import { languageOf, previewEmail, senderName, UNSUBSCRIBE_PURPOSE } from './compose.js';
import * as repo from './repo.js';
import { secretBoxOf } from './secret-box.js';
import { sendMail } from './smtp.js';
import { emailTexts, fill } from './texts.js';

type D = Pick<Deps, 'db' | 'config'>;

/** The settings as the API shows them: the password only as "set" or "not set". */
export function toSettings(row: FollowUpSettingsRow | undefined): FollowUpSettings {
  return {
    enabled: row?.enabled ?? false,
    host: row?.host ?? '',
    port: row?.port ?? smtpDefaultPort.starttls,
    security: row?.security ?? 'starttls',
    username: row?.username ?? '',
    passwordSet: !!row?.password_enc,
    fromAddress: row?.from_address ?? '',
    fromName: row?.from_name ?? '',
    replyTo: row?.reply_to ?? '',
  };
}

async function ownCampaign(deps: D, actor: Actor, campaignId: string) {
  assertManager(actor);
  const campaign = await findCampaignRow(deps.db, actor.accountId, campaignId);
  if (!campaign) throw notFound('Campaign');
  return campaign;
}

export async function followUpSettings(deps: D, actor: Actor, campaignId: string): Promise<FollowUpSettings> {
  await ownCampaign(deps, actor, campaignId);
  return toSettings(await repo.findSettings(deps.db, actor.accountId, campaignId));
}

/**
 * Saves the settings (FUP-1). The password: left out or empty, the saved one stays; `null` removes it; else it is
 * encrypted (bound to the campaign) and only that is stored. `baseUrl`: where visitors reach this server.
 */
export async function saveFollowUpSettings(
  deps: D,
  actor: Actor,
  campaignId: string,
  input: FollowUpSettingsInput,
  baseUrl: string,
): Promise<FollowUpSettings> {
  await ownCampaign(deps, actor, campaignId);
  const password_enc =
    input.password === null
      ? null
      : input.password
        ? await secretBoxOf(deps.config).encrypt(input.password, campaignId)
        : undefined;
  const saved = await repo.writeSettings(deps.db, {
    campaign_id: campaignId,
    account_id: actor.accountId,
    enabled: input.enabled,
    host: input.host,
    port: input.port,
    security: input.security,
    username: input.username,
    from_address: input.fromAddress,
    from_name: input.fromName,
    reply_to: input.replyTo,
    base_url: baseUrl,
    ...(password_enc !== undefined ? { password_enc } : {}),
  });
  if (!saved) throw notFound('Campaign');
  return followUpSettings(deps, actor, campaignId);
}

/**
 * "Send test email": the form as it stands, not saved, to `to`. A failure is an answer, not an error: the reason
 * named, and the SMTP server's own words. Nothing is written.
 */
export async function sendTestEmail(
  deps: D,
  actor: Actor,
  campaignId: string,
  input: SmtpTestInput,
): Promise<SmtpTestResult> {
  const campaign = await ownCampaign(deps, actor, campaignId);
  let password = input.password ?? null;
  if (input.password === undefined || input.password === '') {
    const stored = await repo.findSettings(deps.db, actor.accountId, campaignId);
    password = stored?.password_enc
      ? await secretBoxOf(deps.config)
          .decrypt(stored.password_enc, campaignId)
          .catch(() => null)
      : null;
  }
  const account = await findAccount(deps.db, actor.accountId);
  const name = senderName({ ...campaign, from_name: input.fromName, account_name: account?.name ?? '' });
  const outcome = await sendMail(
    {
      host: input.host,
      port: input.port,
      security: input.security,
      username: input.username,
      password,
    },
    {
      from: { name, address: input.fromAddress },
      replyTo: input.replyTo || undefined,
      to: input.to,
      subject: `Test email from ${name}`,
      text: `This is a test email. The SMTP settings of the campaign “${campaign.title}” work: follow-ups can be sent.\n`,
      html: `<p>This is a test email. The SMTP settings of the campaign “${campaign.title
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')}” work: follow-ups can be sent.</p>`,
      messageId: `<test.${Date.now()}.${Math.random().toString(36).slice(2)}@${input.fromAddress.split('@')[1] ?? 'parley.invalid'}>`,
    },
    deps.config.smtpTimeoutSeconds * 1000,
  );
  return outcome.ok
    ? { ok: true, response: outcome.response }
    : { ok: false, reason: outcome.reason, detail: outcome.detail };
}

/** The follow-up email as visitors of this campaign receive it, with a sample conversation. */
export async function followUpPreview(
  deps: D,
  actor: Actor,
  campaignId: string,
  kind: FollowUpKind,
  baseUrl: string,
): Promise<FollowUpPreview> {
  const campaign = await ownCampaign(deps, actor, campaignId);
  const settings = await repo.findSettings(deps.db, actor.accountId, campaignId);
  const base = deps.config.publicUrl ?? baseUrl;
  const [agent, host] = await Promise.all([
    deps.db
      .selectFrom('users')
      .select(sql<string>`coalesce(nullif(nickname, ''), first_name)`.as('name'))
      .where('id', '=', actor.userId)
      .executeTakeFirst(),
    deps.db
      .selectFrom('websites')
      .select('host')
      .where('account_id', '=', actor.accountId)
      .where((eb) =>
        campaign.all_websites
          ? eb.val(true)
          : eb(
              'id',
              'in',
              eb.selectFrom('campaign_websites').select('website_id').where('campaign_id', '=', campaignId),
            ),
      )
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const email = previewEmail(
    kind,
    {
      ...campaign,
      from_name: settings?.from_name ?? null,
      account_name: (await findAccount(deps.db, actor.accountId))?.name ?? '',
    },
    base,
    await accountTimeZone(deps.db, actor.accountId),
    agent?.name ?? '',
    host ? `http://${host.host}/` : `${base}/`,
  );
  return { language: languageOf(campaign.language), ...email };
}

export async function failedFollowUps(
  deps: D,
  actor: Actor,
  campaignId: string,
): Promise<FailedFollowUpList> {
  await ownCampaign(deps, actor, campaignId);
  const rows = await repo.failedFollowUps(deps.db, actor.accountId, campaignId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      to: r.to_address,
      chatId: r.chat_id,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: new Date(r.created_at).toISOString(),
      failedAt: new Date(r.done_at ?? r.created_at).toISOString(),
    })),
  };
}

export async function retryFollowUp(deps: D, actor: Actor, campaignId: string, id: string): Promise<void> {
  await ownCampaign(deps, actor, campaignId);
  if (!(await repo.retryFailed(deps.db, actor.accountId, campaignId, id))) throw notFound('Failed follow-up');
}

// ------------------------------------------------------------------------------------------------ unsubscribe

export type UnsubscribePage = {
  status: number;
  language: string;
  title: string;
  body: string;
  form: boolean;
};

/** Checks an unsubscribe link's signature and finds whom it is for; undefined when it is not a valid link. */
async function unsubscribeTarget(deps: D, token: string) {
  const [id, signature] = token.split('.');
  if (!id || !signature || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
  if (!(await secretBoxOf(deps.config).verify(UNSUBSCRIBE_PURPOSE, id, signature))) return undefined;
  return repo.followUpForUnsubscribe(deps.db, id);
}

/**
 * The unsubscribe page (FUP-2): asked first (GET: link checkers and mail scanners open links), done on the
 * button or on a mail program's one-click POST (RFC 8058).
 */
export async function unsubscribe(deps: D, token: string, confirm: boolean): Promise<UnsubscribePage> {
  const target = await unsubscribeTarget(deps, token);
  if (!target) {
    const t = emailTexts.en;
    return {
      status: 404,
      language: 'en',
      title: t.unsubscribeTitle,
      body: t.unsubscribeInvalid,
      form: false,
    };
  }
  const language = languageOf(target.language);
  const t = emailTexts[language];
  if (!confirm) {
    return {
      status: 200,
      language,
      title: t.unsubscribeTitle,
      body: fill(t.unsubscribeQuestion, { email: target.to_address }),
      form: true,
    };
  }
  await repo.optOut(deps.db, target.account_id, target.to_address);
  return {
    status: 200,
    language,
    title: t.unsubscribeTitle,
    body: fill(t.unsubscribeDone, { email: target.to_address }),
    form: false,
  };
}
