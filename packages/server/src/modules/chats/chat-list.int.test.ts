// The Chats section end to end (CHT-1…3) and the account's time zone: every filter, periods in the account's
// time zone across daylight saving, keyset pages (each chat exactly once, stable under inserts), rights,
// tenant isolation, bad input per field, and a real conversation's record and transcript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Account,
  AgentServerFrame,
  Campaign,
  ChatDetail,
  ChatFilterOptions,
  ChatListItem,
  ChatListPage,
  User,
  VisitorServerFrame,
  WebsiteList,
} from '@parley/protocol';
import { startTestApp, TestClient, type TestApp } from '../../../test/harness.js';
import { cid, WsClient, wsUrl } from '../../../test/ws-client.js';
import { createAccount } from '../../bootstrap.js';

let t: TestApp;
let accountId: string;
let siteId: string;
let campaignId: string;
let otherCampaignId: string;
let ada: User;
let bo: User;
let agentClient: TestClient;
let b: TestClient;
let bAccount: { accountId: string; campaignId: string; managerId: string };
let codeWon: string;

const db = () => t.runtime.database.db;

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

beforeAll(async () => {
  t = await startTestApp();
  accountId = t.admin.me!.account.id;
  siteId = (await t.admin.get<WebsiteList>('/api/websites')).body.items[0]!.id;
  campaignId = (await t.admin.get<{ items: Campaign[] }>('/api/campaigns')).body.items[0]!.id;
  otherCampaignId = (await t.admin.post<Campaign>('/api/campaigns', { title: 'Spring sale' })).body.id;
  const user = async (firstName: string) =>
    (
      await t.admin.post<User>('/api/users', {
        email: `${firstName.toLowerCase()}@demo.example`,
        password: 'agent-password',
        firstName,
        lastName: 'Agent',
        rights: 'agent',
      })
    ).body;
  ada = await user('Ada');
  bo = await user('Bo');
  agentClient = await TestClient.login(t.url, 'ada@demo.example', 'agent-password');
  const other = await createAccount(db(), {
    name: 'Other Co',
    host: 'www.other.example',
    manager: { email: 'boss@other.example', password: 'other-password', firstName: 'O', lastName: 'Boss' },
  });
  bAccount = { accountId: other.account.id, campaignId: other.campaign.id, managerId: other.manager.id };
  b = await TestClient.login(t.url, 'boss@other.example', 'other-password');
  codeWon = (
    await db()
      .insertInto('success_codes')
      .values({ account_id: accountId, campaign_id: campaignId, name: 'Sale' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t?.close());

// ---- fixtures: chats written as the product writes them (rows of the real tables)

type Fixture = {
  at: string;
  account?: string;
  campaign?: string | null;
  status?: 'queued' | 'active' | 'closed';
  mode?: 'live' | 'nrt';
  offline?: boolean;
  url?: string;
  /** Agents given the chat, in order; `true` when they wrote in it. */
  agents?: [User | string, boolean][];
  code?: string;
  rating?: number;
  visitorName?: string;
};

async function insertChat(f: Fixture): Promise<string> {
  const account = f.account ?? accountId;
  const visitor = await db()
    .insertInto('visitors')
    .values({ account_id: account, token_hash: cid(), name: f.visitorName ?? '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const startedAt = new Date(f.at);
  const status = f.status ?? 'closed';
  const agents = f.agents ?? [];
  const idOf = (a: User | string) => (typeof a === 'string' ? a : a.id);
  const last = agents.at(-1);
  const chat = await db()
    .insertInto('chats')
    .values({
      account_id: account,
      campaign_id: f.campaign === undefined ? (account === accountId ? campaignId : null) : f.campaign,
      website_id: account === accountId ? siteId : null,
      visitor_id: visitor.id,
      status,
      mode: f.mode ?? 'live',
      offline_message: f.offline ?? false,
      start_url: f.url ?? 'https://shop.example/',
      started_at: startedAt,
      agent_id: last ? idOf(last[0]) : null,
      closed_at: status === 'closed' ? new Date(startedAt.getTime() + 300_000) : null,
      closed_by: status === 'closed' ? 'visitor' : null,
      duration_seconds: status === 'closed' ? 300 : null,
      rating: f.rating ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [i, [a, answered]] of agents.entries()) {
    await db()
      .insertInto('chat_assignments')
      .values({
        account_id: account,
        chat_id: chat.id,
        user_id: idOf(a),
        reason: i === 0 ? 'routed' : 'transferred',
        assigned_at: new Date(startedAt.getTime() + i * 1000),
        answered,
      })
      .execute();
  }
  if (f.code) {
    await db()
      .insertInto('chat_success_codes')
      .values({ chat_id: chat.id, code_id: f.code, account_id: account })
      .execute();
  }
  return chat.id;
}

const list = async (client: TestClient, query: Record<string, string>) => {
  const res = await client.get<ChatListPage>(`/api/chats?${new URLSearchParams(query)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const ids = (page: ChatListPage) => page.items.map((i) => i.id);

describe('the account’s time zone (a manager’s setting)', () => {
  it('is read by every user, changed by managers only, validated per field', async () => {
    expect((await agentClient.get<Account>('/api/account')).body.timeZone).toBe('UTC');
    const bad = await t.admin.patch<ErrorBody>('/api/account', { timeZone: 'Mars/Olympus' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({
      timeZone: 'Unknown time zone; choose one such as Europe/Amsterdam',
    });
    expect(
      (await t.admin.patch<ErrorBody>('/api/account', { timeZone: 42 })).body.error.fields,
    ).toHaveProperty('timeZone');
    expect((await agentClient.patch('/api/account', { timeZone: 'Europe/Paris' })).status).toBe(403);
    expect((await t.admin.get<Account>('/api/account')).body.timeZone).toBe('UTC');

    const ok = await t.admin.patch<Account>('/api/account', { timeZone: 'Europe/Amsterdam' });
    expect(ok.body).toEqual({
      id: accountId,
      name: 'Demo',
      timeZone: 'Europe/Amsterdam',
      storeVisitorIp: false,
    });
    expect((await t.admin.get<{ account: Account }>('/api/me')).body.account.timeZone).toBe(
      'Europe/Amsterdam',
    );
    // Another account's setting is its own.
    expect((await b.get<Account>('/api/account')).body.timeZone).toBe('UTC');
  });
});

describe('GET /api/chats (CHT-1, CHT-2)', () => {
  const day = { from: '2026-06-10', to: '2026-06-10' };
  const made: Record<string, string> = {};
  beforeAll(async () => {
    await t.admin.patch('/api/account', { timeZone: 'Europe/Amsterdam' });
    made.live = await insertChat({
      at: '2026-06-10T08:00:00Z',
      agents: [[ada, true]],
      code: codeWon,
      rating: 5,
    });
    made.nrt = await insertChat({ at: '2026-06-10T09:00:00Z', mode: 'nrt', agents: [[bo, true]] });
    made.offline = await insertChat({ at: '2026-06-10T10:00:00Z', mode: 'nrt', offline: true });
    made.queued = await insertChat({ at: '2026-06-10T11:00:00Z', status: 'queued' });
    made.unanswered = await insertChat({ at: '2026-06-10T12:00:00Z', agents: [[ada, false]] });
    made.transferred = await insertChat({
      at: '2026-06-10T13:00:00Z',
      status: 'active',
      agents: [
        [ada, true],
        [bo, true],
      ],
      campaign: otherCampaignId,
      url: 'https://shop.example/checkout?step=2',
    });
    made.handedOn = await insertChat({
      at: '2026-06-10T14:00:00Z',
      agents: [
        [ada, true],
        [bo, false],
      ],
    });
    // Outside the day in Amsterdam: 2026-06-10 runs from 2026-06-09T22:00Z to 2026-06-10T22:00Z.
    made.before = await insertChat({ at: '2026-06-09T21:59:59Z', agents: [[ada, true]] });
    made.after = await insertChat({ at: '2026-06-10T22:00:00Z', agents: [[ada, true]] });
  });

  it('lists the day’s chats, newest first, with the columns of the handbook', async () => {
    const page = await list(t.admin, day);
    expect(ids(page)).toEqual([
      made.handedOn,
      made.transferred,
      made.unanswered,
      made.queued,
      made.offline,
      made.nrt,
      made.live,
    ]);
    expect(page).toMatchObject({ total: 7, nextCursor: null, ratings: true, timeZone: 'Europe/Amsterdam' });
    const transferred = page.items.find((i) => i.id === made.transferred)!;
    expect(transferred).toEqual<ChatListItem>({
      id: made.transferred!,
      startedAt: '2026-06-10T13:00:00.000Z',
      type: 'live',
      status: 'active',
      startUrl: 'https://shop.example/checkout?step=2',
      agent: { id: bo.id, name: 'Bo Agent' },
      otherAgents: 1,
      campaign: { id: otherCampaignId, name: 'Spring sale' },
      visitorName: expect.stringMatching(/^Visitor /),
      rating: null,
      ratingScale: null,
      durationSeconds: null,
    });
    expect(page.items.find((i) => i.id === made.live)).toMatchObject({ rating: 5, durationSeconds: 300 });
    expect(ids(await list(t.admin, { ...day, sort: 'asc' }))).toEqual(ids(page).reverse());
  });

  it.each([
    ['type=live', { type: 'live' }, ['live', 'queued', 'unanswered', 'transferred', 'handedOn']],
    ['type=nrt', { type: 'nrt' }, ['nrt']],
    ['type=offline', { type: 'offline' }, ['offline']],
    ['status=queued', { status: 'queued' }, ['queued']],
    ['status=active', { status: 'active' }, ['transferred']],
    ['participants=visitor_only', { participants: 'visitor_only' }, ['offline', 'queued', 'unanswered']],
    ['participants=one_agent', { participants: 'one_agent' }, ['live', 'nrt', 'handedOn']],
    ['participants=several_agents', { participants: 'several_agents' }, ['transferred']],
    ['campaign', { campaignId: 'other' }, ['transferred']],
    ['success code', { successCodeId: 'won' }, ['live']],
    ['agent (any time given the chat)', { agentId: 'bo' }, ['nrt', 'transferred', 'handedOn']],
    ['agent and type', { agentId: 'ada', type: 'live' }, ['live', 'unanswered', 'transferred', 'handedOn']],
  ])('filters by %s', async (_name, filter, expected) => {
    const value = (v: string) => ({ other: otherCampaignId, won: codeWon, bo: bo.id, ada: ada.id })[v] ?? v;
    const query = Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, value(v)]));
    const page = await list(t.admin, { ...day, sort: 'asc', ...query });
    expect(ids(page)).toEqual(expected.map((k) => made[k]));
    expect(page.total).toBe(expected.length);
  });

  it('an empty period is an empty page, not an error', async () => {
    expect(await list(t.admin, { from: '2025-01-01', to: '2025-01-02' })).toMatchObject({
      items: [],
      total: 0,
      nextCursor: null,
    });
  });
});

describe('periods across daylight saving (Europe/Amsterdam)', () => {
  it('a chat at 23:30 UTC on the eve of the spring-forward day is listed under the next local date', async () => {
    await t.admin.patch('/api/account', { timeZone: 'Europe/Amsterdam' });
    const eve = await insertChat({ at: '2026-03-28T23:30:00Z' }); // 00:30 on 29 March in Amsterdam
    const lateOn28 = await insertChat({ at: '2026-03-28T22:59:00Z' }); // 23:59 on 28 March
    const lastOf29 = await insertChat({ at: '2026-03-29T21:59:00Z' }); // 23:59 CEST: the 23-hour day's end
    const firstOf30 = await insertChat({ at: '2026-03-29T22:00:00Z' });
    expect(ids(await list(t.admin, { from: '2026-03-29', to: '2026-03-29', sort: 'asc' }))).toEqual([
      eve,
      lastOf29,
    ]);
    expect(ids(await list(t.admin, { from: '2026-03-28', to: '2026-03-28' }))).toEqual([lateOn28]);
    expect(ids(await list(t.admin, { from: '2026-03-30', to: '2026-03-30' }))).toEqual([firstOf30]);
  });

  it('the fall-back day has 25 hours', async () => {
    const first = await insertChat({ at: '2026-10-24T22:00:00Z' }); // 00:00 CEST on 25 October
    const last = await insertChat({ at: '2026-10-25T22:59:59Z' }); // 23:59:59 CET on 25 October
    const next = await insertChat({ at: '2026-10-25T23:00:00Z' });
    expect(ids(await list(t.admin, { from: '2026-10-25', to: '2026-10-25', sort: 'asc' }))).toEqual([
      first,
      last,
    ]);
    expect(ids(await list(t.admin, { from: '2026-10-26', to: '2026-10-26' }))).toEqual([next]);
  });

  it('the same instant is another date in UTC', async () => {
    await t.admin.patch('/api/account', { timeZone: 'UTC' });
    const page = await list(t.admin, { from: '2026-03-28', to: '2026-03-28' });
    expect(page.timeZone).toBe('UTC');
    expect(page.items.map((i) => i.startedAt)).toContain('2026-03-28T23:30:00.000Z');
    await t.admin.patch('/api/account', { timeZone: 'Europe/Amsterdam' });
  });
});

describe('cursor pagination', () => {
  it('returns every chat exactly once in both orders, ties on the same instant included, stable under inserts', async () => {
    const period = { from: '2026-08-01', to: '2026-08-02' };
    const made: string[] = [];
    for (let i = 0; i < 17; i++) {
      // Three chats share each instant: the id breaks the tie.
      const at = new Date(Date.UTC(2026, 7, 1, 8, Math.floor(i / 3), 0, 0) + 0.123).toISOString();
      made.push(await insertChat({ at }));
    }
    // Microseconds that a JavaScript Date would round away still order exactly.
    await db()
      .updateTable('chats')
      .set({ started_at: '2026-08-01 08:00:00.000001+00' })
      .where('id', '=', made[0]!)
      .execute();
    for (const sort of ['desc', 'asc'] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: ChatListPage = await list(t.admin, {
          ...period,
          sort,
          limit: '4',
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...ids(page));
        cursor = page.nextCursor;
        if (pages === 0) {
          // A chat that starts while someone reads the pages does not shift them.
          made.push(
            await insertChat({ at: sort === 'desc' ? '2026-08-02T10:00:00Z' : '2026-08-01T07:00:00Z' }),
          );
        }
        pages++;
      } while (cursor);
      expect(new Set(seen).size, 'no chat twice').toBe(seen.length);
      const inserted = made.at(-1)!;
      expect(seen).not.toContain(inserted);
      expect(new Set(seen)).toEqual(new Set(made.filter((id) => id !== inserted)));
      expect(pages).toBe(Math.ceil(seen.length / 4));
    }
  });
});

describe('bad input: 400 with a message per field, never a crash', () => {
  it.each([
    ['from', 'to=2026-01-01', 'from'],
    ['an impossible date', 'from=2026-02-30&to=2026-03-01', 'from'],
    ['to before from', 'from=2026-03-02&to=2026-03-01', 'to'],
    ['a period over two years', 'from=2020-01-01&to=2026-01-01', 'to'],
    ['agentId', 'from=2026-01-01&to=2026-01-01&agentId=ada', 'agentId'],
    ['campaignId', 'from=2026-01-01&to=2026-01-01&campaignId=1', 'campaignId'],
    ['successCodeId', 'from=2026-01-01&to=2026-01-01&successCodeId=x', 'successCodeId'],
    ['participants', 'from=2026-01-01&to=2026-01-01&participants=everyone', 'participants'],
    ['type', 'from=2026-01-01&to=2026-01-01&type=email', 'type'],
    ['status', 'from=2026-01-01&to=2026-01-01&status=open', 'status'],
    ['sort', 'from=2026-01-01&to=2026-01-01&sort=rating', 'sort'],
    ['limit', 'from=2026-01-01&to=2026-01-01&limit=0', 'limit'],
    ['cursor', 'from=2026-01-01&to=2026-01-01&cursor=bm90LWEtY3Vyc29y', 'cursor'],
    [
      'a forged cursor',
      `from=2026-01-01&to=2026-01-01&cursor=${Buffer.from('["2026-01-01T00:00:00.000000","\'; drop table chats"]').toString('base64url')}`,
      'cursor',
    ],
  ])('%s', async (_name, query, field) => {
    const res = await t.admin.get<ErrorBody>(`/api/chats?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Object.keys(res.body.error.fields ?? {})).toContain(field);
  });
});

describe('rights and tenant isolation', () => {
  it('agent-only users cannot list chats (AUTH-3: they use the console alone)', async () => {
    expect((await agentClient.get('/api/chats?from=2026-06-10&to=2026-06-10')).status).toBe(403);
    expect((await agentClient.get('/api/chats/filter-options')).status).toBe(403);
  });

  it('another account sees none of these chats, and this account’s ids in its filters match nothing', async () => {
    const aChat = await insertChat({ at: '2026-09-01T10:00:00Z', agents: [[ada, true]], code: codeWon });
    const bChat = await insertChat({
      at: '2026-09-01T11:00:00Z',
      account: bAccount.accountId,
      agents: [[bAccount.managerId, true]],
    });
    const period = { from: '2026-09-01', to: '2026-09-01' };
    expect(ids(await list(b, period))).toEqual([bChat]);
    expect(ids(await list(t.admin, period))).toEqual([aChat]);
    const filters: Record<string, string>[] = [
      { agentId: ada.id },
      { campaignId },
      { successCodeId: codeWon },
    ];
    for (const filter of filters) {
      expect(await list(b, { ...period, ...filter })).toMatchObject({ items: [], total: 0 });
    }
    expect((await b.get(`/api/chats/${aChat}`)).status).toBe(404);
    expect((await t.admin.get(`/api/chats/${bChat}`)).status).toBe(404);
    const options = (await b.get<ChatFilterOptions>('/api/chats/filter-options')).body;
    expect(options.agents.map((a) => a.name)).toEqual(['O Boss']);
    expect(options.campaigns.map((c) => c.id)).toEqual([bAccount.campaignId]);
    expect(options.successCodes).toEqual([]);
  });

  it('offers the account’s agents (deleted ones marked), campaigns and success codes', async () => {
    const options = (await t.admin.get<ChatFilterOptions>('/api/chats/filter-options')).body;
    expect(options.agents.map((a) => a.name)).toEqual(['Ada Agent', 'Bo Agent', 'Demo Manager']);
    expect(options.campaigns).toHaveLength(2);
    expect(options.campaigns.map((c) => c.id)).toEqual(expect.arrayContaining([campaignId, otherCampaignId]));
    expect(options.successCodes).toEqual([
      { id: codeWon, name: 'Sale', campaignId, campaignName: expect.any(String) },
    ]);
  });
});

describe('GET /api/chats/:id (CHT-3): a real conversation', () => {
  it('has the information, the agents in order, the whole transcript with the file and the transfer', async () => {
    // The demo manager takes the chat, answers, sends a file, and transfers it to Bo, who answers and closes.
    const manager = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: t.admin.cookie, origin: t.url },
    });
    await manager.next('welcome');
    manager.send({ type: 'presence.set', status: 'available' });
    await manager.next('presence', (f) => f.status === 'available');
    const boClient = await TestClient.login(t.url, 'bo@demo.example', 'agent-password');
    const boWs = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: boClient.cookie, origin: t.url },
    });
    await boWs.next('welcome');
    // Bo may not take new chats yet: he is away until the transfer.
    boWs.send({ type: 'presence.set', status: 'away' });
    await boWs.next('presence', (f) => f.status === 'away');

    const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${siteId}`), {
      headers: { origin: 'http://localhost' },
    });
    v.send({ type: 'hello', chats: [], page: { url: 'http://localhost/pricing', title: 'Pricing' } });
    await v.next('welcome');
    const c = cid();
    v.send({ type: 'chat.start', cid: c, text: '<b>Hi</b> <script>alert(1)</script>' });
    const { chatId } = await v.next('ack', (f) => f.cid === c);
    v.send({ type: 'sync', chatId, afterSeq: 0 });
    await manager.next('chat.upsert', (f) => f.chat.id === chatId && f.chat.status === 'active');
    const m = cid();
    manager.send({ type: 'message.send', chatId, cid: m, text: 'Hello! Here is our price list.' });
    await manager.next('ack', (f) => f.cid === m);
    const form = new FormData();
    form.append('file', new Blob(['price list'], { type: 'text/plain' }), 'prices.txt');
    expect((await t.admin.post(`/api/chats/${chatId}/files`, form)).status).toBe(201);
    // Wait for the answer to this change, not an earlier 'available' frame still in the buffer.
    const seen = boWs.frames.length;
    boWs.send({ type: 'presence.set', status: 'available' });
    await boWs.next('presence', (f) => f.status === 'available' && boWs.frames.indexOf(f) >= seen);
    const transfer = await t.admin.post(`/api/chats/${chatId}/transfer`, {
      to: { type: 'agent', userId: bo.id },
    });
    expect(transfer.status, JSON.stringify(transfer.body)).toBe(200);
    await boWs.next('chat.upsert', (f) => f.chat.id === chatId);
    const r = cid();
    boWs.send({ type: 'message.send', chatId, cid: r, text: 'Bo here, anything else?' });
    await boWs.next('ack', (f) => f.cid === r);
    boWs.send({ type: 'chat.close', chatId });
    await v.untilTranscript(chatId, (e) => e.some((x) => x.type === 'closed'));

    const res = await t.admin.get<ChatDetail>(`/api/chats/${chatId}`);
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.record).toMatchObject({
      type: 'live',
      status: 'closed',
      proactive: false,
      campaign: { id: campaignId },
      website: { id: siteId, name: 'localhost' },
      closedBy: { by: 'agent', agent: { id: bo.id, name: 'Bo Agent' } },
      successCodes: [],
      rating: null,
      ratingComment: null,
    });
    expect(d.record.assignments.map((a) => [a.agent.name, a.reason, a.answered])).toEqual([
      ['Demo Manager', 'routed', true],
      ['Bo Agent', 'transferred', true],
    ]);
    for (const at of [d.record.assignedAt, d.record.firstResponseAt, d.record.closedAt])
      expect(Date.parse(at!)).toBeGreaterThanOrEqual(Date.parse(d.record.startedAt));
    expect(d.record.durationSeconds).toEqual(expect.any(Number));
    expect(d.record.firstResponseSeconds).toEqual(expect.any(Number));
    // The whole transcript, in order, gap-free, the visitor's text exactly as typed.
    expect(d.events.map((e) => e.seq)).toEqual(d.events.map((_, i) => i + 1));
    const types = d.events.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['started', 'agent_joined', 'text', 'file', 'transferred', 'closed']),
    );
    expect(types.indexOf('file')).toBeLessThan(types.indexOf('transferred'));
    expect(d.events.find((e) => e.author === 'visitor')!.text).toBe('<b>Hi</b> <script>alert(1)</script>');
    const file = d.events.find((e) => e.type === 'file')!.file!;
    expect(file).toMatchObject({ name: 'prices.txt', size: 10 });
    const download = await fetch(`${t.url}${file.url}`);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('price list');
    // It is in the list, with its agent and the one before.
    const day = d.record.startedAt.slice(0, 10);
    const listed = (await list(t.admin, { from: day, to: day, participants: 'several_agents' })).items.find(
      (i) => i.id === chatId,
    );
    expect(listed).toMatchObject({ agent: { id: bo.id }, otherAgents: 1, status: 'closed' });
    // Ada (agent only) never had this chat: not found for her.
    expect((await agentClient.get(`/api/chats/${chatId}`)).status).toBe(404);
    v.close();
    manager.close();
    boWs.close();
  });
});
