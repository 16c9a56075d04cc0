import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentServerFrame, GoalSalesSettings } from '@parley/protocol';
import { accountWithAgent } from '../../../test/accounts.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { eventually } from '../../../test/wait.js';
import { cid, WsClient, wsUrl } from '../../../test/ws-client.js';

// GOL-3 (goals: title, moments, value none / fixed / changing; reached once per visit, with the visit's chat, in
// the transcript) and GOL-4 (the page's snippet with a changing value, an exact decimal), GOL-5's GA4 toggle in
// the loader's config, through the real routes, sockets and database. Each test has an account of its own.
let t: TestApp;
const sockets: { close(): void }[] = [];

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.close();
});

const db = () => t.runtime.database.db;

async function account() {
  const base = await accountWithAgent(t, 'sales', sockets);
  const { manager, campaignId } = base;
  const path = `/api/campaigns/${campaignId}/goals/sales`;

  async function save(body: object) {
    const res = await manager.put<GoalSalesSettings>(path, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  const snippet = (q: Record<string, string>) =>
    fetch(`${t.url}/widget/goals?${new URLSearchParams({ site: base.siteId, ...q })}`, {
      method: 'POST',
    });

  return {
    ...base,
    path,
    save,
    snippet,
  };
}

const goalEvents = (goalId: string) =>
  db()
    .selectFrom('goal_events')
    .select([
      'visit_id',
      'chat_id',
      'visitor_id',
      'campaign_id',
      'account_id',
      (eb) => eb.cast('value', 'text').as('value'),
    ])
    .where('goal_id', '=', goalId)
    .execute();

const thanks = { kind: 'current_page', match: 'contains', url: '/thanks' } as const;

describe('GOL-3 the campaign’s goals', () => {
  it('are a list a manager adds to, changes, reorders and deletes from, with the GA4 toggle', async () => {
    const a = await account();
    expect((await a.manager.get<GoalSalesSettings>(a.path)).body).toEqual({ ga4: false, goals: [] });
    const saved = await a.save({
      ga4: true,
      goals: [
        {
          title: 'Order',
          moments: [{ name: 'Thank-you page', criteria: [thanks] }],
          valueKind: 'changing',
          value: '',
        },
        { title: 'Newsletter', moments: [], valueKind: 'fixed', value: '2,50' },
        { title: 'Contact', moments: [], valueKind: 'none' },
      ],
    });
    expect(saved.ga4).toBe(true);
    expect(saved.goals.map((g) => [g.title, g.valueKind, g.value])).toEqual([
      ['Order', 'changing', ''],
      ['Newsletter', 'fixed', '2.5'],
      ['Contact', 'none', ''],
    ]);
    expect(saved.goals[0]!.moments).toEqual([{ name: 'Thank-you page', criteria: [thanks] }]);
    const [order, newsletter] = saved.goals;
    // Swap titles, move, delete one.
    const again = await a.save({
      ga4: false,
      goals: [
        { ...newsletter, title: 'Order' },
        { ...order, title: 'Newsletter' },
      ],
    });
    expect(again.goals.map((g) => [g.id, g.title])).toEqual([
      [newsletter!.id, 'Order'],
      [order!.id, 'Newsletter'],
    ]);
    expect(again.ga4).toBe(false);
    // The loader's config carries the toggle (GOL-5).
    await a.save({ ga4: true, goals: again.goals });
    await eventually('the loader’s config says ga4', async () => {
      const res = await fetch(`${t.url}/widget/config?site=${a.siteId}`, { cache: 'no-store' });
      return ((await res.json()) as { ga4: boolean }).ga4;
    });
  });

  it('refuses bad goals by field, another campaign’s goal, agents and other accounts', async () => {
    const a = await account();
    const b = await account();
    const bad = await a.manager.put<{ error: { fields: Record<string, string> } }>(a.path, {
      ga4: 'yes',
      goals: [
        { title: ' ', moments: [], valueKind: 'none' },
        { title: 'It\'s "done"', moments: [], valueKind: 'none' },
        { title: 'Sale', moments: [], valueKind: 'fixed', value: '12.34567' },
        { title: 'sale', moments: [], valueKind: 'changing' },
        {
          title: 'Page',
          moments: [{ name: 'x', criteria: [{ kind: 'current_page', match: 'regex', url: '/' }] }],
          valueKind: 'nothing',
        },
      ],
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(
      [
        'ga4',
        'goals.0.title',
        'goals.1.title',
        'goals.2.value',
        'goals.3.title',
        'goals.4.moments.0.criteria.0.match',
        'goals.4.valueKind',
      ].sort(),
    );
    expect(bad.body.error.fields['goals.2.value']).toBe('Enter an amount such as 49.95 (at most 4 decimals)');
    const theirs = await b.save({ ga4: false, goals: [{ title: 'Theirs', moments: [], valueKind: 'none' }] });
    const stolen = await a.manager.put<{ error: { fields: Record<string, string> } }>(a.path, {
      ga4: false,
      goals: [{ id: theirs.goals[0]!.id, title: 'Mine', moments: [], valueKind: 'none' }],
    });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.fields).toEqual({ 'goals.0.id': 'This goal is not in the list any more' });
    expect((await a.manager.get(`/api/campaigns/${b.campaignId}/goals/sales`)).status).toBe(404);
    expect(
      (await a.manager.put(`/api/campaigns/${b.campaignId}/goals/sales`, { ga4: true, goals: [] })).status,
    ).toBe(404);
    expect((await a.agent.get(a.path)).status).toBe(403);
    expect((await b.manager.get<GoalSalesSettings>(b.path)).body.goals.map((g) => g.title)).toEqual([
      'Theirs',
    ]);
  });
});

describe('GOL-3 reaching a goal', () => {
  it('by a moment on a page view, once per visit, with the visit’s chat and in its transcript', async () => {
    const a = await account();
    const { goals } = await a.save({
      ga4: false,
      goals: [
        {
          title: 'Thanks',
          moments: [{ name: 'Thank-you page', criteria: [thanks] }],
          valueKind: 'fixed',
          value: '19.99',
        },
        {
          title: 'Came from the shop',
          moments: [
            {
              name: 'After the shop',
              criteria: [{ kind: 'previous_page', match: 'contains', url: '/shop' }],
            },
          ],
          valueKind: 'none',
        },
      ],
    });
    const [thanksGoal, fromShop] = goals;
    // A first page that matches nothing.
    const { v, token, visitorId } = await a.visitor(`http://${a.host}/shop`);
    expect(await goalEvents(thanksGoal!.id)).toEqual([]);
    // A chat in this visit, taken by Ann.
    const ws = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: a.agent.cookie, origin: t.url },
    });
    sockets.push(ws);
    await ws.next('welcome');
    ws.send({ type: 'presence.set', status: 'available' });
    await ws.next('presence', (f) => f.status === 'available');
    const c = cid();
    v.send({ type: 'chat.start', cid: c, text: 'Do you ship to Belgium?' });
    const chatId = (await v.next('ack', (f) => f.cid === c)).chatId;
    await ws.next('chat.upsert', (f) => f.chat.id === chatId && f.chat.status === 'active');
    ws.send({ type: 'sync', chatId, afterSeq: 0 });
    await ws.untilTranscript(chatId, (e) => e.some((x) => x.type === 'agent_joined'));
    // The thank-you page: both goals (the previous page was the shop).
    v.send({ type: 'page', page: { url: `http://${a.host}/thanks?order=1`, title: 'Thanks', referrer: '' } });
    const transcript = await ws.untilTranscript(
      chatId,
      (e) => e.filter((x) => x.type === 'goal_reached').length === 2,
    );
    expect(transcript.filter((x) => x.type === 'goal_reached').map((x) => x.data)).toEqual([
      { goalId: thanksGoal!.id, title: 'Thanks', value: '19.99' },
      { goalId: fromShop!.id, title: 'Came from the shop', value: null },
    ]);
    // The same page again, and another socket of the same visitor: still once per visit.
    v.send({ type: 'page', page: { url: `http://${a.host}/thanks`, title: 'Thanks', referrer: '' } });
    const other = await a.visitor(`http://${a.host}/thanks`, token);
    other.v.close();
    await new Promise((r) => setTimeout(r, 200));
    const rows = await goalEvents(thanksGoal!.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      chat_id: chatId,
      visitor_id: visitorId,
      campaign_id: a.campaignId,
      value: '19.9900',
    });
    // The visitor's socket never sees the goal's details.
    const seen = v.frames.filter((f) => f.type === 'chat.event' && f.event.type === 'goal_reached');
    for (const f of seen) if (f.type === 'chat.event') expect(f.event.data).toEqual({});
  });

  it('by a moment on the loader’s page-view beacon, without the chat window (TLS-6), once per visit', async () => {
    const a = await account();
    const { goals } = await a.save({
      ga4: false,
      goals: [
        { title: 'Thanks', moments: [{ name: 'Thank-you page', criteria: [thanks] }], valueKind: 'none' },
      ],
    });
    const beacon = (body: object) =>
      fetch(`${t.url}/widget/beacon`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: `http://${a.host}` },
        body: JSON.stringify({ site: a.siteId, title: 'Page', ...body }),
      });
    const first = await beacon({ url: `http://${a.host}/shop` });
    expect(first.status).toBe(200);
    const { token } = (await first.json()) as { token: string };
    expect(await goalEvents(goals[0]!.id)).toEqual([]);
    for (const url of [`http://${a.host}/thanks`, `http://${a.host}/thanks?again=1`])
      expect((await beacon({ url, token })).status).toBe(200);
    const rows = await goalEvents(goals[0]!.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ chat_id: null, campaign_id: a.campaignId, value: null });
  });

  it('by the page’s snippet with a changing value, an exact decimal, refused when not a number', async () => {
    const a = await account();
    const b = await account();
    const { goals } = await a.save({
      ga4: false,
      goals: [
        { title: 'Order', moments: [], valueKind: 'changing' },
        { title: 'Signup', moments: [], valueKind: 'fixed', value: '5' },
      ],
    });
    const [order, signup] = goals;
    const { token } = await a.visitor(`http://${a.host}/cart`);
    const refused = await a.snippet({ title: 'Order', value: 'twelve', token });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { fields: object } }).error.fields).toEqual({
      value: 'The value must be a number or a quoted text of digits, such as 49.95',
    });
    expect((await a.snippet({ title: 'Nope', value: '1', token })).status).toBe(404);
    expect((await a.snippet({ title: 'Order', value: '1' })).status).toBe(404);
    // Another account's visitor token, and this token on another account's site.
    const theirs = await b.visitor(`http://${b.host}/`);
    expect((await a.snippet({ title: 'Order', value: '1', token: theirs.token })).status).toBe(404);
    await b.save({ ga4: false, goals: [{ title: 'Order', moments: [], valueKind: 'changing' }] });
    expect((await b.snippet({ title: 'Order', value: '1', token })).status).toBe(404);

    expect(
      (await a.snippet({ title: 'order', value: '1299,95', token, url: `http://${a.host}/done` })).status,
    ).toBe(204);
    expect((await a.snippet({ title: 'Order', value: '5', token })).status).toBe(204);
    expect((await a.snippet({ title: 'Signup', value: '999', token })).status).toBe(204);
    expect(await goalEvents(order!.id)).toEqual([
      expect.objectContaining({ value: '1299.9500', chat_id: null }),
    ]);
    expect(await goalEvents(signup!.id)).toEqual([expect.objectContaining({ value: '5.0000' })]);
    // 0.1 + 0.2 summed in the database stays exact.
    const sum = await db()
      .selectFrom('goal_events')
      .select((eb) => eb.cast(eb.fn.sum('value'), 'text').as('total'))
      .where(
        'account_id',
        '=',
        (
          await db()
            .selectFrom('campaigns')
            .select('account_id')
            .where('id', '=', a.campaignId)
            .executeTakeFirstOrThrow()
        ).account_id,
      )
      .executeTakeFirstOrThrow();
    expect(sum.total).toBe('1304.9500');
  });
});

describe('GOL-3, GOL-4 in the statistics and the Conversations export', () => {
  it('counts the chats that led to a goal and the revenue, per goal and agent, as computed from the rows', async () => {
    const a = await account();
    const { goals } = await a.save({
      ga4: false,
      goals: [
        { title: 'Order', moments: [], valueKind: 'changing' },
        {
          title: 'Thanks',
          moments: [{ name: 'Thanks', criteria: [thanks] }],
          valueKind: 'fixed',
          value: '0.2',
        },
      ],
    });
    const ws = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: a.agent.cookie, origin: t.url },
    });
    sockets.push(ws);
    await ws.next('welcome');
    ws.send({ type: 'presence.set', status: 'available' });
    await ws.next('presence', (f) => f.status === 'available');
    const chatWith = async () => {
      const visitor = await a.visitor(`http://${a.host}/cart`);
      const c = cid();
      visitor.v.send({ type: 'chat.start', cid: c, text: 'A question' });
      const chatId = (await visitor.v.next('ack', (f) => f.cid === c)).chatId;
      await ws.next('chat.upsert', (f) => f.chat.id === chatId && f.chat.status === 'active');
      return { ...visitor, chatId };
    };
    // One chat leads to two goals (0.1 + 10 + 0.2 as exact decimals), one to none; a visitor without a chat
    // reaches a goal too (not a chat that led to it).
    const one = await chatWith();
    expect((await a.snippet({ title: 'Order', value: '10.1', token: one.token })).status).toBe(204);
    one.v.send({ type: 'page', page: { url: `http://${a.host}/thanks`, title: 'Thanks', referrer: '' } });
    const two = await chatWith();
    const alone = await a.visitor(`http://${a.host}/`);
    expect((await a.snippet({ title: 'Order', value: '5', token: alone.token })).status).toBe(204);
    const accountId = (
      await db()
        .selectFrom('campaigns')
        .select('account_id')
        .where('id', '=', a.campaignId)
        .executeTakeFirstOrThrow()
    ).account_id;
    const rows = await eventually('three goal events', async () => {
      const r = await db()
        .selectFrom('goal_events')
        .select(['chat_id', 'goal_id', (eb) => eb.cast('value', 'text').as('value')])
        .where('account_id', '=', accountId)
        .execute();
      return r.length === 3 && r;
    });

    // The expectation, from the rows, in ten-thousandths (integers: exact).
    const units = (v: unknown) => (typeof v === 'string' ? Math.round(Number(v) * 10_000) : 0);
    const text = (n: number) => String(n / 10_000);
    const chats = await db()
      .selectFrom('chats')
      .select(['id', 'agent_id'])
      .where('account_id', '=', accountId)
      .execute();
    const led = rows.filter((r) => r.chat_id !== null);
    const goalChats = new Set(led.map((r) => r.chat_id)).size;
    const revenue = led.reduce((n, r) => n + units(r.value), 0);
    expect([chats.length, goalChats, text(revenue)]).toEqual([2, 1, '10.3']);

    const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
    const period = `from=${day(-1)}&to=${day(1)}`;
    for (const filter of ['', `&agentId=${a.annId}`]) {
      // Both paths: the rollups (no filter) and the raw scan (an agent filter).
      const stats = (
        await a.manager.get<import('@parley/protocol').Statistics>(`/api/statistics?${period}${filter}`)
      ).body;
      expect(stats.goals).toEqual({
        goalChats,
        conversionPercent: (goalChats / chats.length) * 100,
        reached: led.length,
        revenue: text(revenue),
        perGoal: goals.map((g) => {
          const of = led.filter((r) => r.goal_id === g.id);
          return {
            goalId: g.id,
            title: g.title,
            chats: new Set(of.map((r) => r.chat_id)).size,
            reached: of.length,
            revenue: text(of.reduce((n, r) => n + units(r.value), 0)),
          };
        }),
        perAgent: [
          {
            agentId: a.annId,
            name: expect.any(String),
            goalChats,
            conversionPercent: (goalChats / chats.filter((c) => c.agent_id === a.annId).length) * 100,
            revenue: text(revenue),
          },
        ],
      });
    }

    const csv = await a.manager.get<string>(`/api/exports/conversations.csv?${period}`);
    const csvRows = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const byChat = new Map(csvRows.map((r) => [r.chat_id, [r.goals, r.goal_value]]));
    expect(byChat.get(one.chatId)).toEqual(['Order; Thanks', '10.3']);
    expect(byChat.get(two.chatId)).toEqual(['', '']);
  });
});
