import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXPORT_REPORTS,
  type AgentServerFrame,
  type FailedFollowUpList,
  type FollowUpPreview,
  type FollowUpSettings,
  type FollowUpSettingsInput,
  type SmtpTestResult,
  type VisitorServerFrame,
} from '@parley/protocol';
import { loadConfig } from '../../environment.js';
import { startRuntime } from '../../runtime.js';
import { ADMIN, freshDatabase, startTestApp, TestClient, type TestApp } from '../../../test/harness.js';
import { closedPort, startSmtp, type TestSmtp } from '../../../test/smtp.js';
import { eventually } from '../../../test/wait.js';
import { cid, WsClient, wsUrl } from '../../../test/ws-client.js';
import { createAccount } from '../../bootstrap.js';

// FUP-1 (SMTP settings per campaign, the test email, the password encrypted and never shown) and FUP-2 (the
// follow-ups: transcript and answer, the outbox, retries, final failure, unsubscribe) against a real SMTP server
// started here. Each test has an account of its own. Two instances: follow-ups-instances.int.test.ts.
let t: TestApp;
let smtp: TestSmtp;
const sockets: { close(): void }[] = [];
const SMTP_USER = 'mailer';
const SMTP_PASSWORD = `pw-${randomBytes(8).toString('hex')}`;
const env = {
  SECRETS_KEY: randomBytes(32).toString('base64'),
  SMTP_TIMEOUT_SECONDS: '3',
  FOLLOW_UP_RETRY_SECONDS: '1',
  FOLLOW_UP_ATTEMPTS: '3',
  FOLLOW_UP_ANSWER_DELAY_SECONDS: '2',
};

beforeAll(async () => {
  smtp = await startSmtp({ user: SMTP_USER, password: SMTP_PASSWORD });
  t = await startTestApp(env);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.close();
  await smtp?.stop();
});

const db = () => t.runtime.database.db;

function settingsFor(port: number, over: Partial<FollowUpSettingsInput> = {}): FollowUpSettingsInput {
  return {
    enabled: true,
    host: '127.0.0.1',
    port,
    security: 'none',
    username: SMTP_USER,
    password: SMTP_PASSWORD,
    fromAddress: 'support@shop.example',
    fromName: 'Shop support',
    replyTo: 'help@shop.example',
    ...over,
  };
}

/** An account of its own: its campaign, the manager (also the campaign's agent), and a visitor helper. */
async function account() {
  const key = randomUUID().slice(0, 8);
  const host = `fup-${key}.example`;
  const email = `manager-${key}@fup.example`;
  const created = await createAccount(db(), {
    name: `Follow-ups ${key}`,
    host,
    manager: { email, password: 'manager-password', firstName: 'Mia', lastName: 'Manager' },
  });
  const manager = await TestClient.login(t.url, email, 'manager-password');
  const campaignId = created.campaign.id;
  const base = `/api/campaigns/${campaignId}/follow-ups`;
  const agent = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
    headers: { cookie: manager.cookie, origin: t.url },
  });
  sockets.push(agent);
  await agent.next('welcome');
  agent.send({ type: 'presence.set', status: 'available' });
  await agent.next('presence', (f) => f.status === 'available');

  async function visitor(visitorEmail: string) {
    const v = await WsClient.open<VisitorServerFrame>(
      wsUrl(t.url, `/ws/visitor?site=${created.website.id}`),
      {
        headers: { origin: `http://${host}` },
      },
    );
    sockets.push(v);
    v.send({ type: 'hello', chats: [], page: { url: `http://${host}/shop`, title: 'Shop' } });
    await v.next('welcome');
    if (visitorEmail) v.send({ type: 'visitor.update', name: 'Vera', email: visitorEmail });
    return v;
  }

  /** A live chat the agent answered, then closed by the agent. */
  async function chatClosed(visitorEmail: string, text = 'Is the <b>blue</b> jacket in stock?') {
    const v = await visitor(visitorEmail);
    const c = cid();
    v.send({ type: 'chat.start', cid: c, text });
    const chatId = (await v.next('ack', (f) => f.cid === c)).chatId;
    await agent.next('chat.upsert', (f) => f.chat.id === chatId && f.chat.status === 'active');
    const a = cid();
    agent.send({ type: 'message.send', chatId, cid: a, text: 'Yes & it ships today.' });
    await agent.next('ack', (f) => f.cid === a);
    agent.send({ type: 'chat.close', chatId });
    await eventually(
      'chat closed',
      async () =>
        (await db().selectFrom('chats').select('status').where('id', '=', chatId).executeTakeFirst())
          ?.status === 'closed',
    );
    return chatId;
  }

  return {
    manager,
    campaignId,
    host,
    base,
    agent,
    visitor,
    chatClosed,
    accountId: created.account.id,
    save: (s: FollowUpSettingsInput) => manager.put<FollowUpSettings>(`${base}/settings`, s),
  };
}

const outbox = (chatId: string) =>
  db().selectFrom('follow_ups').selectAll().where('chat_id', '=', chatId).execute();

/** A header as the email carries it (unfolded), not as the parser interprets it. */
const header = (mail: TestSmtp['mails'][number], name: string) =>
  (mail.headerLines.find((h) => h.key === name)?.line ?? '')
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/^[^:]*:\s*/, '');

const mailsTo = (address: string) => smtp.mails.filter((m) => m.to && JSON.stringify(m.to).includes(address));

describe('FUP-1 SMTP settings per campaign', () => {
  it('are saved with the password write-only and encrypted at rest; another account sees nothing', async () => {
    const a = await account();
    const empty = await a.manager.get<FollowUpSettings>(`${a.base}/settings`);
    expect(empty.body).toEqual({
      enabled: false,
      host: '',
      port: 587,
      security: 'starttls',
      username: '',
      passwordSet: false,
      fromAddress: '',
      fromName: '',
      replyTo: '',
    });
    // Switched on without a server or sender: refused per field, nothing saved.
    const bad = await a.manager.put<{ error: { fields: Record<string, string> } }>(`${a.base}/settings`, {
      ...settingsFor(25),
      host: '',
      fromAddress: 'not an address',
      port: 70000,
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['fromAddress', 'host', 'port']);
    expect(
      await db()
        .selectFrom('follow_up_settings')
        .selectAll()
        .where('campaign_id', '=', a.campaignId)
        .execute(),
    ).toEqual([]);

    const saved = await a.save(settingsFor(smtp.port));
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ enabled: true, passwordSet: true, username: SMTP_USER });
    expect(JSON.stringify(saved.body)).not.toContain(SMTP_PASSWORD);
    expect(saved.body).not.toHaveProperty('password');
    const row = await db()
      .selectFrom('follow_up_settings')
      .selectAll()
      .where('campaign_id', '=', a.campaignId)
      .executeTakeFirstOrThrow();
    expect(row.password_enc).toMatch(/^v1:[0-9a-f]{12}:/);
    expect(JSON.stringify(row)).not.toContain(SMTP_PASSWORD);

    // Left out: kept. null: removed.
    const { password: _, ...withoutPassword } = settingsFor(smtp.port, { fromName: 'Shop' });
    expect((await a.save(withoutPassword)).body).toMatchObject({ passwordSet: true, fromName: 'Shop' });
    const after = await db()
      .selectFrom('follow_up_settings')
      .select('password_enc')
      .where('campaign_id', '=', a.campaignId)
      .executeTakeFirstOrThrow();
    expect(after.password_enc).toBe(row.password_enc);
    expect((await a.save({ ...withoutPassword, password: null })).body.passwordSet).toBe(false);

    // A ciphertext copied to another campaign does not open there (bound to its campaign).
    const b = await account();
    expect((await b.manager.get(`${a.base}/settings`)).status).toBe(404);
    expect((await b.manager.put(`${a.base}/settings`, settingsFor(smtp.port))).status).toBe(404);
    expect((await b.manager.get(`${a.base}/failed`)).status).toBe(404);
    expect((await b.manager.get(`${a.base}/preview`)).status).toBe(404);
  });

  it('“Send test email” reports the server’s own answer: wrong password, unreachable host, TLS; nothing is saved', async () => {
    const a = await account();
    await a.save(settingsFor(smtp.port, { fromName: 'Before' }));
    const before = await a.manager.get<FollowUpSettings>(`${a.base}/settings`);
    const test = (over: Partial<FollowUpSettingsInput>) =>
      a.manager.post<SmtpTestResult>(`${a.base}/test`, {
        ...settingsFor(smtp.port, over),
        to: 'me@shop.example',
      });

    const good = await test({ fromName: 'Unsaved name' });
    expect(good.body).toMatchObject({ ok: true, response: expect.stringContaining('250') });
    await eventually('the test email', () => mailsTo('me@shop.example').length === 1);
    // The saved password is used when the form leaves it out.
    const { password: _, ...noPassword } = settingsFor(smtp.port);
    expect(
      (await a.manager.post<SmtpTestResult>(`${a.base}/test`, { ...noPassword, to: 'me@shop.example' })).body
        .ok,
    ).toBe(true);

    const wrong = await test({ password: 'wrong-password' });
    expect(wrong.body).toEqual({ ok: false, reason: 'auth', detail: expect.stringContaining('535') });
    expect(JSON.stringify(wrong.body)).not.toContain('wrong-password');

    const unreachable = await test({ port: await closedPort() });
    expect(unreachable.body).toMatchObject({
      ok: false,
      reason: 'connect',
      detail: expect.stringMatching(/ECONNREFUSED/),
    });

    const tlsServer = await startSmtp({ secure: true });
    try {
      const tls = await test({ port: tlsServer.port, security: 'tls', username: '', password: null });
      expect(tls.body).toMatchObject({
        ok: false,
        reason: 'tls',
        detail: expect.stringMatching(/certificate/i),
      });
    } finally {
      await tlsServer.stop();
    }
    // A bad form is refused per field before anything is tried.
    const invalid = await a.manager.post(`${a.base}/test`, { ...settingsFor(smtp.port), to: 'nobody' });
    expect(invalid.status).toBe(400);

    expect((await a.manager.get<FollowUpSettings>(`${a.base}/settings`)).body).toEqual(before.body);
  });
});

describe('FUP-2 follow-ups', () => {
  it('a closed chat’s transcript reaches the visitor who left an email: both parts, escaped, unsubscribe headers', async () => {
    const a = await account();
    await a.save(settingsFor(smtp.port));
    const to = `vera-${randomUUID().slice(0, 6)}@example.com`;
    const chatId = await a.chatClosed(to);
    const [mail] = await eventually('the transcript', () => mailsTo(to).length > 0 && mailsTo(to));
    // The email is with the server a moment before it is marked sent.
    const [row] = await eventually('marked sent', async () => {
      const r = await outbox(chatId);
      return r[0]?.state === 'sent' && r;
    });
    expect(row).toMatchObject({ kind: 'transcript', state: 'sent', attempts: 1 });
    expect(mail!.subject).toBe('Your conversation with Shop support');
    expect(mail!.from?.text).toContain('support@shop.example');
    expect(mail!.replyTo?.text).toContain('help@shop.example');
    expect(mail!.messageId).toBe(row!.message_id);
    expect(mail!.messageId).toMatch(/^<follow-up\.[0-9a-f-]+@shop\.example>$/);
    expect(mail!.text).toContain('Is the <b>blue</b> jacket in stock?');
    expect(mail!.text).toContain('Yes & it ships today.');
    expect(mail!.html).toContain('Is the &lt;b&gt;blue&lt;/b&gt; jacket in stock?');
    expect(mail!.html).not.toContain('<b>blue</b>');
    expect(mail!.html).toContain('Yes &amp; it ships today.');
    const unsubscribe = header(mail!, 'list-unsubscribe');
    expect(unsubscribe).toMatch(new RegExp(`^<${t.url}/follow-ups/unsubscribe/${row!.id}\\.[\\w-]+>$`));
    expect(header(mail!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    // Exactly one, however the chat is closed again.
    a.agent.send({ type: 'chat.close', chatId });
    await t.runtime.followUps.tick();
    expect(mailsTo(to)).toHaveLength(1);
    expect(await outbox(chatId)).toHaveLength(1);
  });

  it('no email address, follow-ups off, or nobody answered: no follow-up', async () => {
    const a = await account();
    await a.save(settingsFor(smtp.port, { enabled: false }));
    const off = await a.chatClosed('off@example.com');
    await a.save(settingsFor(smtp.port));
    const noEmail = await a.chatClosed('');
    const v = await a.visitor('unanswered@example.com');
    const c = cid();
    v.send({ type: 'chat.start', cid: c, text: 'Hello?' });
    const unanswered = (await v.next('ack', (f) => f.cid === c)).chatId;
    v.send({ type: 'chat.close', chatId: unanswered });
    await eventually(
      'closed',
      async () =>
        (await db().selectFrom('chats').select('status').where('id', '=', unanswered).executeTakeFirst())
          ?.status === 'closed',
    );
    for (const chatId of [off, noEmail, unanswered]) expect(await outbox(chatId)).toEqual([]);
  });

  it('an offline message’s answer goes to the visitor, quick messages in one email, with the way back', async () => {
    const a = await account();
    await a.save(settingsFor(smtp.port));
    const to = `olly-${randomUUID().slice(0, 6)}@example.com`;
    const v = await a.visitor('');
    const c = cid();
    v.send({ type: 'offline.send', cid: c, name: 'Olly', email: to, message: 'Call me back please' });
    const chatId = (await v.next('ack', (f) => f.cid === c)).chatId;
    await a.agent.next('chat.upsert', (f) => f.chat.id === chatId && f.chat.status === 'active');
    for (const text of ['Hello Olly,', 'we will call you at 3 pm.']) {
      const m = cid();
      a.agent.send({ type: 'message.send', chatId, cid: m, text });
      await a.agent.next('ack', (f) => f.cid === m);
    }
    const [mail] = await eventually('the answer', () => mailsTo(to).length > 0 && mailsTo(to));
    expect(mail!.subject).toBe('Shop support answered your message');
    expect(mail!.text).toMatch(/Call me back please[\s\S]*Hello Olly,[\s\S]*we will call you at 3 pm\./);
    expect(mail!.text).toContain(`http://${a.host}/shop`);
    expect(mail!.html).toContain(`href="http://${a.host}/shop"`);
    const rows = await eventually('marked sent', async () => {
      const r = await outbox(chatId);
      return r.some((x) => x.state === 'sent') && r;
    });
    expect(rows.map((r) => r.state).sort()).toEqual(['merged', 'sent']);
    await t.runtime.followUps.tick();
    expect(mailsTo(to)).toHaveLength(1);
  });

  it('with the SMTP server down, is tried again with back-off and arrives once it is back; after the last attempt it is listed as failed, and “Retry” sends it', async () => {
    const down = await startSmtp({ user: SMTP_USER, password: SMTP_PASSWORD });
    try {
      const a = await account();
      await a.save(settingsFor(down.port));
      await down.stop();
      const to = `retry-${randomUUID().slice(0, 6)}@example.com`;
      const chatId = await a.chatClosed(to);
      const failedOnce = await eventually('a failed attempt', async () => {
        const [r] = await outbox(chatId);
        return r && r.attempts >= 1 && r.last_error ? r : undefined;
      });
      expect(failedOnce).toMatchObject({ state: 'pending' });
      expect(failedOnce.last_error).toMatch(/^connect: .*ECONNREFUSED/);
      expect(new Date(failedOnce.next_attempt_at).getTime()).toBeGreaterThan(
        new Date(failedOnce.last_attempt_at!).getTime(),
      );
      await down.start();
      await eventually('the transcript after the outage', () => down.mails.length === 1);
      await eventually('marked sent', async () => (await outbox(chatId))[0]?.state === 'sent');
      expect((await outbox(chatId))[0]).toMatchObject({ state: 'sent', last_error: '' });

      // Down for good: three attempts, then failed, with the reason, for the manager.
      await down.stop();
      const lost = `lost-${randomUUID().slice(0, 6)}@example.com`;
      const failedChat = await a.chatClosed(lost);
      const failed = await eventually(
        'listed as failed',
        async () => {
          const list = await a.manager.get<FailedFollowUpList>(`${a.base}/failed`);
          return list.body.items.length > 0 && list.body.items;
        },
        { timeoutMs: 60_000 },
      );
      expect(failed).toEqual([
        expect.objectContaining({
          kind: 'transcript',
          to: lost,
          chatId: failedChat,
          attempts: 3,
          lastError: expect.stringMatching(/^connect: /),
        }),
      ]);
      await down.start();
      expect((await a.manager.post(`${a.base}/failed/${failed[0]!.id}/retry`)).status).toBe(204);
      await eventually('sent after Retry', () => down.mails.some((m) => JSON.stringify(m.to).includes(lost)));
      expect((await a.manager.get<FailedFollowUpList>(`${a.base}/failed`)).body.items).toEqual([]);
      expect((await a.manager.post(`${a.base}/failed/${failed[0]!.id}/retry`)).status).toBe(404);
    } finally {
      await down.stop();
    }
  }, 120_000);

  it('an unsubscribed visitor gets nothing more (the page asks first; one-click POST)', async () => {
    const a = await account();
    await a.save(settingsFor(smtp.port));
    const to = `unsub-${randomUUID().slice(0, 6)}@example.com`;
    await a.chatClosed(to);
    const [mail] = await eventually('the transcript', () => mailsTo(to).length > 0 && mailsTo(to));
    const link = header(mail!, 'list-unsubscribe').slice(1, -1);
    expect(mail!.text).toContain(link);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`Stop sending follow-up emails about chats to ${to}?`);
    // Only asking: nothing changed yet.
    expect(
      await db().selectFrom('follow_up_opt_outs').selectAll().where('account_id', '=', a.accountId).execute(),
    ).toEqual([]);
    const tampered = await fetch(`${link.slice(0, -3)}abc`, { method: 'POST' });
    expect(tampered.status).toBe(404);
    const done = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('will get no more follow-up emails');
    const next = await a.chatClosed(to.toUpperCase());
    expect(await outbox(next)).toEqual([]);
    expect(mailsTo(to)).toHaveLength(1);
  });

  it('the preview shows the campaign’s email in its language, with a plain-text part', async () => {
    const a = await account();
    await a.manager.patch(`/api/campaigns/${a.campaignId}`, { language: 'de', windowColor: '#2b8a3e' });
    await a.save(settingsFor(smtp.port, { fromName: 'Laden <Team>' }));
    const p = await a.manager.get<FollowUpPreview>(`${a.base}/preview?kind=answer`);
    expect(p.status).toBe(200);
    expect(p.body.language).toBe('de');
    expect(p.body.subject).toBe('Laden <Team> hat Ihre Nachricht beantwortet');
    expect(p.body.html).toContain('Laden &lt;Team&gt;');
    expect(p.body.html).toContain('#2b8a3e');
    expect(p.body.html).toContain('<html lang="de">');
    expect(p.body.text).toContain('Antworten Sie im Chat');
    const transcript = await a.manager.get<FollowUpPreview>(`${a.base}/preview`);
    expect(transcript.body.subject).toBe('Ihr Gespräch mit Laden <Team>');
    expect((await a.manager.get(`${a.base}/preview?kind=other`)).status).toBe(400);
  });
});

describe('the SMTP password never shows', () => {
  it('not in API responses, logs or exports', async () => {
    const lines: string[] = [];
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'trace',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ...env,
    });
    const runtime = await startRuntime(config, {
      database: await freshDatabase(),
      logger: { level: 'trace', stream: { write: (l: string) => void lines.push(l) } },
    });
    try {
      await runtime.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = runtime.app.server.address() as { port: number };
      const url = `http://127.0.0.1:${port}`;
      const admin = await TestClient.login(url, ADMIN.email, ADMIN.password);
      const campaignId = (await admin.get<{ items: { id: string }[] }>('/api/campaigns')).body.items[0]!.id;
      const base = `/api/campaigns/${campaignId}/follow-ups`;
      const secret = `Secret-${randomBytes(6).toString('hex')}`;
      const bodies: string[] = [];
      const keep = (r: { body: unknown }) => bodies.push(JSON.stringify(r.body));
      keep(await admin.put(`${base}/settings`, settingsFor(smtp.port, { password: secret })));
      keep(await admin.get(`${base}/settings`));
      keep(
        await admin.post(`${base}/test`, {
          ...settingsFor(smtp.port, { password: secret }),
          to: 'x@example.com',
        }),
      );
      keep(
        await admin.post(`${base}/test`, {
          ...settingsFor(await closedPort(), { password: secret }),
          to: 'x@example.com',
        }),
      );
      keep(await admin.put(`${base}/settings`, { ...settingsFor(smtp.port, { password: secret }), port: 0 }));
      keep(await admin.get(`${base}/preview`));
      keep(await admin.get(`${base}/failed`));
      const day = new Date().toISOString().slice(0, 10);
      for (const report of EXPORT_REPORTS) {
        const csv = await fetch(`${url}/api/exports/${report}.csv?from=${day}&to=${day}`, {
          headers: { cookie: admin.cookie },
        });
        expect(csv.status, report).toBe(200);
        bodies.push(await csv.text());
      }
      expect(lines.length).toBeGreaterThan(10);
      for (const text of [...bodies, ...lines]) expect(text).not.toContain(secret);
      const { rows } = await sql<{ t: string }>`select f::text as t from follow_up_settings f`.execute(
        runtime.database.db,
      );
      expect(rows.map((r) => r.t).join('')).not.toContain(secret);
    } finally {
      await runtime.stop();
    }
  });
});
