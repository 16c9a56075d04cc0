import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Campaign,
  CampaignCannedForums,
  CampaignToolSettings,
  CannedForum,
  CannedForumDetail,
  CannedForumList,
  CannedHits,
  CannedResponse,
  ChatCannedForums,
} from '@parley/protocol';
import { accountWithAgent, type SocketList } from '../../../test/accounts.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';

// TLS-2 (Q&As: shortkey, question, answer; autosaved fields; search and `#` suggestions in the console), TLS-3
// (removal with "Undo Removal" for 10 seconds, then final; the server keeps the state, so a reload sees it) and
// TLS-4 (forums: add, rename, delete; chosen per campaign) through the real routes, sockets and database. Each
// test has an account of its own.
let t: TestApp;
const sockets: SocketList = [];

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.close();
});

const db = () => t.runtime.database.db;
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };

/** An account of its own (the shared fixture: manager, Ann in the routing, a taken chat) and helpers for the tool. */
async function account() {
  const base = await accountWithAgent(t, 'canned', sockets);
  const { manager, agent, campaignId } = base;

  async function forum(title: string) {
    const res = await manager.post<CannedForum>('/api/canned-forums', { title });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }
  async function qa(forumId: string, body: { shortkey?: string; question?: string; answer?: string }) {
    const res = await manager.post<CannedResponse>(`/api/canned-forums/${forumId}/responses`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }
  async function detail(forumId: string) {
    const res = await manager.get<CannedForumDetail>(`/api/canned-forums/${forumId}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }
  async function offer(forumIds: string[], campaign = campaignId) {
    const res = await manager.put<CampaignCannedForums>(`/api/campaigns/${campaign}/tools/canned-responses`, {
      forumIds,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }
  /** Turns Canned Responses on or off (saved on this instance: in force at once). */
  async function setTool(on: boolean) {
    const path = `/api/campaigns/${campaignId}/tools`;
    const before = (await manager.get<CampaignToolSettings>(path)).body;
    const res = await manager.put(path, { ...before, tools: { ...before.tools, cannedResponses: on } });
    expect(res.status).toBe(200);
  }
  const chat = async () => (await base.chat('What does shipping cost?')).chatId;

  const search = (chatId: string, q: string, forumId?: string, client = agent) =>
    client.get<CannedHits>(
      `/api/chats/${chatId}/canned-responses?q=${encodeURIComponent(q)}${forumId ? `&forumId=${forumId}` : ''}`,
    );
  const suggest = (chatId: string, prefix: string, client = agent) =>
    client.get<CannedHits>(
      `/api/chats/${chatId}/canned-responses/suggestions?prefix=${encodeURIComponent(prefix)}`,
    );

  return { ...base, forum, qa, detail, offer, setTool, chat, search, suggest };
}

/** Moves a removal back in time, as if the seconds had passed (the server counts by the database's clock). */
async function removedAgo(id: string, seconds: number) {
  await sql`update canned_responses set removed_at = now() - make_interval(secs => ${seconds}) where id = ${id}`.execute(
    db(),
  );
}

describe('TLS-4 forums', () => {
  it('are added, listed by title with their Q&A count, renamed and deleted by a manager', async () => {
    const a = await account();
    expect((await a.manager.get<CannedForumList>('/api/canned-forums')).body).toEqual({ items: [] });
    const shop = await a.forum(' Shop ');
    expect(shop).toMatchObject({ title: 'Shop', responses: 0 });
    const billing = await a.forum('Billing');
    await a.qa(shop.id, { shortkey: 'ship', answer: 'Free' });
    const list = (await a.manager.get<CannedForumList>('/api/canned-forums')).body.items;
    expect(list.map((f) => [f.title, f.responses])).toEqual([
      ['Billing', 0],
      ['Shop', 1],
    ]);

    // The title field at the top and Save.
    const renamed = await a.manager.patch<CannedForum>(`/api/canned-forums/${shop.id}`, { title: 'Webshop' });
    expect(renamed.body).toMatchObject({ id: shop.id, title: 'Webshop', responses: 1 });
    // A title is unique in the account, whatever its case; an empty one is no title.
    const taken = await a.manager.patch<Err>(`/api/canned-forums/${shop.id}`, { title: 'BILLING' });
    expect(taken.status).toBe(400);
    expect(taken.body.error.fields).toEqual({ title: 'Another forum has this title' });
    const dup = await a.manager.post<Err>('/api/canned-forums', { title: 'webshop' });
    expect([dup.status, Object.keys(dup.body.error.fields ?? {})]).toEqual([400, ['title']]);
    const empty = await a.manager.post<Err>('/api/canned-forums', { title: '   ' });
    expect([empty.status, empty.body.error.fields]).toEqual([400, { title: 'Enter a title' }]);
    expect((await a.detail(shop.id)).forum.title).toBe('Webshop');

    // Deleting takes its Q&As and its place in the campaigns' selections along.
    await a.offer([shop.id, billing.id]);
    expect((await a.manager.delete(`/api/canned-forums/${shop.id}`)).status).toBe(204);
    expect((await a.manager.get(`/api/canned-forums/${shop.id}`)).status).toBe(404);
    const selection = await a.manager.get<CampaignCannedForums>(
      `/api/campaigns/${a.campaignId}/tools/canned-responses`,
    );
    expect(selection.body.forumIds).toEqual([billing.id]);
    const left = await db()
      .selectFrom('canned_responses')
      .select('id')
      .where('forum_id', '=', shop.id)
      .execute();
    expect(left).toEqual([]);
  });

  it('are managed by managers only; agents read them through their chats', async () => {
    const a = await account();
    const f = await a.forum('Shop');
    expect((await a.agent.get('/api/canned-forums')).status).toBe(403);
    expect((await a.agent.post('/api/canned-forums', { title: 'Mine' })).status).toBe(403);
    expect((await a.agent.get(`/api/canned-forums/${f.id}`)).status).toBe(403);
    expect((await a.agent.post(`/api/canned-forums/${f.id}/responses`, {})).status).toBe(403);
    expect(
      (await a.agent.put(`/api/campaigns/${a.campaignId}/tools/canned-responses`, { forumIds: [] })).status,
    ).toBe(403);
  });
});

describe('TLS-2 Q&As', () => {
  it('are added empty or filled and saved field by field (the autosave)', async () => {
    const a = await account();
    const f = await a.forum('Shop');
    const blank = await a.qa(f.id, {});
    expect(blank).toMatchObject({ forumId: f.id, shortkey: '', question: '', answer: '', undoMsLeft: null });
    const saved = await a.manager.patch<CannedResponse>(`/api/canned-responses/${blank.id}`, {
      shortkey: 'Ship',
    });
    expect(saved.body).toMatchObject({ shortkey: 'Ship', question: '', answer: '' });
    await a.manager.patch(`/api/canned-responses/${blank.id}`, { question: 'What does shipping cost?' });
    await a.manager.patch(`/api/canned-responses/${blank.id}`, { answer: 'Shipping is free from €50.' });
    const second = await a.qa(f.id, { shortkey: 'return', question: 'Returns?', answer: '30 days' });
    // A second empty one: an empty shortkey is not a taken shortkey.
    await a.qa(f.id, {});
    const d = await a.detail(f.id);
    expect(d.forum.responses).toBe(3);
    expect(d.items.map((i) => [i.shortkey, i.question, i.answer])).toEqual([
      ['Ship', 'What does shipping cost?', 'Shipping is free from €50.'],
      ['return', 'Returns?', '30 days'],
      ['', '', ''],
    ]);
    expect(d.items[1]!.id).toBe(second.id);
  });

  it('refuse a shortkey with spaces, a #, other signs or one taken in the forum (any case), per field, saving nothing', async () => {
    const a = await account();
    const f = await a.forum('Shop');
    const other = await a.forum('Other');
    const ship = await a.qa(f.id, { shortkey: 'ship', answer: 'Free' });
    const ret = await a.qa(f.id, { shortkey: 'return', answer: '30 days' });
    const before = await a.detail(f.id);
    const cases: [unknown, string][] = [
      [{ shortkey: 'free ship' }, 'A shortkey has no spaces'],
      [{ shortkey: 'ship ' }, 'A shortkey has no spaces'],
      [{ shortkey: '#ship2' }, 'Type the shortkey without the #'],
      [{ shortkey: 'ship!' }, 'Use only letters, digits, - and _'],
      [{ shortkey: 'x'.repeat(41) }, 'At most 40 characters'],
      [{ shortkey: 'SHIP' }, 'Another Q&A in this forum has this shortkey'],
      [{ shortkey: 'Ship', answer: 'Changed too' }, 'Another Q&A in this forum has this shortkey'],
    ];
    for (const [body, message] of cases) {
      const patched = await a.manager.patch<Err>(`/api/canned-responses/${ret.id}`, body);
      expect([patched.status, patched.body.error.fields], JSON.stringify(body)).toEqual([
        400,
        { shortkey: message },
      ]);
      const added = await a.manager.post<Err>(`/api/canned-forums/${f.id}/responses`, body);
      expect([added.status, added.body.error.fields], JSON.stringify(body)).toEqual([
        400,
        { shortkey: message },
      ]);
    }
    expect(await a.detail(f.id)).toEqual(before);
    // The same shortkey in another forum is another shortkey; keeping one's own (in another case) is fine.
    await a.qa(other.id, { shortkey: 'ship', answer: 'Other' });
    const own = await a.manager.patch<CannedResponse>(`/api/canned-responses/${ship.id}`, {
      shortkey: 'SHIP',
    });
    expect([own.status, own.body.shortkey]).toEqual([200, 'SHIP']);
    // Letters of any script, digits, - and _ are a shortkey.
    const intl = await a.manager.patch<CannedResponse>(`/api/canned-responses/${ret.id}`, {
      shortkey: 'rückgabe_30-tage',
    });
    expect(intl.status).toBe(200);
    // Too long texts are refused by field.
    const long = await a.manager.patch<Err>(`/api/canned-responses/${ret.id}`, { answer: 'x'.repeat(5001) });
    expect([long.status, Object.keys(long.body.error.fields ?? {})]).toEqual([400, ['answer']]);
  });
});

describe('TLS-3 removal with “Undo Removal”', () => {
  it('is gone for agents at once, listed as removed with the seconds left (a reload too), and can be undone', async () => {
    const a = await account();
    const f = await a.forum('Shop');
    await a.offer([f.id]);
    const ship = await a.qa(f.id, { shortkey: 'ship', question: 'Shipping?', answer: 'Free shipping' });
    const chatId = await a.chat();
    expect((await a.search(chatId, 'shipping')).body.items.map((i) => i.id)).toEqual([ship.id]);

    const removed = await a.manager.delete<CannedResponse>(`/api/canned-responses/${ship.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.undoMsLeft).toBeGreaterThan(0);
    expect(removed.body.undoMsLeft).toBeLessThanOrEqual(10_000);
    // What a reload of the forum's page shows: the server still lists it, as removed.
    const reloaded = await a.detail(f.id);
    expect(reloaded.items.map((i) => [i.id, i.undoMsLeft !== null])).toEqual([[ship.id, true]]);
    expect(reloaded.forum.responses).toBe(0);
    // Agents do not find it any more, and it cannot be changed while removed.
    expect((await a.search(chatId, 'shipping')).body.items).toEqual([]);
    expect((await a.suggest(chatId, 'sh')).body.items).toEqual([]);
    const edit = await a.manager.patch<Err>(`/api/canned-responses/${ship.id}`, { answer: 'Changed' });
    expect([edit.status, edit.body.error.code]).toEqual([409, 'conflict']);
    // Removing it again changes nothing.
    expect((await a.manager.delete(`/api/canned-responses/${ship.id}`)).status).toBe(200);

    const undone = await a.manager.post<CannedResponse>(`/api/canned-responses/${ship.id}/undo-removal`);
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({
      id: ship.id,
      shortkey: 'ship',
      answer: 'Free shipping',
      undoMsLeft: null,
    });
    expect((await a.detail(f.id)).forum.responses).toBe(1);
    expect((await a.search(chatId, 'shipping')).body.items.map((i) => i.id)).toEqual([ship.id]);
    // Undoing what is not removed changes nothing.
    expect((await a.manager.post(`/api/canned-responses/${ship.id}/undo-removal`)).status).toBe(200);
  });

  it('is final after the 10 seconds: 410 for the undo, gone from the forum, its shortkey free, purged later', async () => {
    const a = await account();
    const f = await a.forum('Shop');
    const ship = await a.qa(f.id, { shortkey: 'ship', answer: 'Free shipping' });
    const keep = await a.qa(f.id, { shortkey: 'keep', answer: 'Kept' });
    await a.manager.delete(`/api/canned-responses/${ship.id}`);
    await removedAgo(ship.id, 10.5);

    expect((await a.detail(f.id)).items.map((i) => i.id)).toEqual([keep.id]);
    const late = await a.manager.post<Err>(`/api/canned-responses/${ship.id}/undo-removal`);
    expect(late.status).toBe(410);
    expect(late.body.error).toMatchObject({
      code: 'undo_expired',
      message: 'The 10 seconds to undo this removal are over: the Q&A is deleted',
    });
    expect((await a.manager.patch(`/api/canned-responses/${ship.id}`, { answer: 'x' })).status).toBe(404);
    expect((await a.manager.delete(`/api/canned-responses/${ship.id}`)).status).toBe(404);
    // The shortkey is free again.
    await a.qa(f.id, { shortkey: 'ship', answer: 'New' });

    // Rows removed for good a while ago are purged when the account removes another.
    await removedAgo(ship.id, 120);
    await a.manager.delete(`/api/canned-responses/${keep.id}`);
    const rows = await db().selectFrom('canned_responses').select('id').where('id', '=', ship.id).execute();
    expect(rows).toEqual([]);
    expect((await a.manager.post<Err>(`/api/canned-responses/${ship.id}/undo-removal`)).status).toBe(404);
    // The one just removed is still there to undo.
    expect((await a.manager.post(`/api/canned-responses/${keep.id}/undo-removal`)).status).toBe(200);
  });

  it('refuses the undo when a new Q&A took the shortkey meanwhile (409, by field), keeping both as they are', async () => {
    const a = await account();
    const f = await a.forum('Shop');
    const old = await a.qa(f.id, { shortkey: 'ship', answer: 'Old' });
    await a.manager.delete(`/api/canned-responses/${old.id}`);
    const fresh = await a.qa(f.id, { shortkey: 'SHIP', answer: 'New' });
    const undo = await a.manager.post<Err>(`/api/canned-responses/${old.id}/undo-removal`);
    expect([undo.status, Object.keys(undo.body.error.fields ?? {})]).toEqual([409, ['shortkey']]);
    const d = await a.detail(f.id);
    expect(d.items.map((i) => [i.id, i.undoMsLeft === null])).toEqual([
      [old.id, false],
      [fresh.id, true],
    ]);
  });
});

describe('TLS-2 in the console: search and # suggestions', () => {
  it('finds by any word (as a prefix) of the shortkey, question or answer, in the chat’s campaign’s forums', async () => {
    const a = await account();
    const shop = await a.forum('Shop');
    const billing = await a.forum('Billing');
    const hidden = await a.forum('Internal');
    const ship = await a.qa(shop.id, {
      shortkey: 'ship-cost',
      question: 'What does delivery cost?',
      answer: 'Shipping is free from €50.',
    });
    const ret = await a.qa(shop.id, {
      shortkey: 'return',
      question: 'Can I send it back?',
      answer: 'Within 30 days.',
    });
    const invoice = await a.qa(billing.id, {
      shortkey: 'invoice',
      question: 'Where is my invoice?',
      answer: 'Under Orders in your Ämter account.',
    });
    await a.qa(hidden.id, { shortkey: 'ship-secret', question: 'Internal delivery notes', answer: 'Secret' });
    await a.offer([shop.id, billing.id]);
    const chatId = await a.chat();

    const ids = async (q: string, forumId?: string) => {
      const res = await a.search(chatId, q, forumId);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.items.map((i) => i.id);
    };
    expect(await ids('ship')).toEqual([ship.id]); // a word of the shortkey, as a prefix
    expect(await ids('cost')).toEqual([ship.id]); // the shortkey's second word
    expect(await ids('deliv')).toEqual([ship.id]); // the question
    expect(await ids('FREE')).toEqual([ship.id]); // the answer, any case
    expect(await ids('back')).toEqual([ret.id]);
    expect(await ids('30')).toEqual([ret.id]);
    expect(await ids('ämt')).toEqual([invoice.id]); // letters beyond ASCII
    expect(await ids('where invoice')).toEqual([invoice.id]); // every word must match
    expect(await ids('where return')).toEqual([]);
    expect(await ids('#invoice')).toEqual([invoice.id]); // a # before the key is no word
    expect(await ids("it's: (back) & | ! <-> 'x")).toEqual([]); // tsquery signs are no syntax
    expect((await ids('')).length).toBe(3); // no words: every Q&A of the chat's forums
    expect(await ids('secret')).toEqual([]); // a forum the campaign does not offer
    // The forum selector.
    expect(await ids('', billing.id)).toEqual([invoice.id]);
    expect(await ids('ship', billing.id)).toEqual([]);
    expect((await a.search(chatId, '', hidden.id)).status).toBe(404);
    const hit = (await a.search(chatId, 'invoice')).body.items[0];
    expect(hit).toEqual({
      id: invoice.id,
      forumId: billing.id,
      forumTitle: 'Billing',
      shortkey: 'invoice',
      question: 'Where is my invoice?',
      answer: 'Under Orders in your Ämter account.',
    });
    // The selector's list.
    const forums = await a.agent.get<ChatCannedForums>(`/api/chats/${chatId}/canned-forums`);
    expect(forums.body.items.map((f) => f.title)).toEqual(['Billing', 'Shop']);
    // Changed answers are found by their new words.
    await a.manager.patch(`/api/canned-responses/${ret.id}`, { answer: 'Refunds within a fortnight.' });
    expect(await ids('fortn')).toEqual([ret.id]);
    expect(await ids('30')).toEqual([]);
  });

  it('suggests by the start of the shortkey, any case, exact keys first among equals', async () => {
    const a = await account();
    const shop = await a.forum('Shop');
    const ship = await a.qa(shop.id, { shortkey: 'ship', answer: 'Free shipping' });
    const shipEu = await a.qa(shop.id, { shortkey: 'Ship_EU', answer: 'EU shipping' });
    const other = await a.qa(shop.id, { shortkey: 'hours', answer: '9 to 5' });
    await a.qa(shop.id, { question: 'No key yet', answer: 'x' });
    const pct = await a.qa(shop.id, { shortkey: 'a_b', answer: 'Underscore' });
    await a.qa(shop.id, { shortkey: 'axb', answer: 'Not matched by a_' });
    await a.offer([shop.id]);
    const chatId = await a.chat();
    const keys = async (prefix: string) => (await a.suggest(chatId, prefix)).body.items.map((i) => i.id);
    expect(await keys('sh')).toEqual([ship.id, shipEu.id]);
    expect(await keys('SHIP_')).toEqual([shipEu.id]);
    expect(await keys('h')).toEqual([other.id]);
    expect(await keys('a_')).toEqual([pct.id]); // _ is no wildcard
    expect((await keys('')).length).toBe(5); // `#` alone: every Q&A with a shortkey
    expect(await keys('zzz')).toEqual([]);
  });

  it('orders by shortkey across forums (none last, the exact key first), with few matches or hundreds', async () => {
    const a = await account();
    const big = await a.forum('Big');
    const small = await a.forum('Small');
    const accountId = (
      await db()
        .selectFrom('canned_forums')
        .select('account_id')
        .where('id', '=', big.id)
        .executeTakeFirstOrThrow()
    ).account_id;
    // 1,200 Q&As, more than the first statement reads of a forum (SEARCH_WINDOW), every one with "common", twelve
    // with "rare"; and a small forum.
    await db()
      .insertInto('canned_responses')
      .values(
        Array.from({ length: 1200 }, (_, i) => ({
          account_id: accountId,
          forum_id: big.id,
          shortkey: `k${String(i).padStart(4, '0')}`,
          question: `Common question ${i}`,
          answer: i % 100 === 7 ? 'rare answer' : 'common answer',
        })),
      )
      .execute();
    await a.qa(small.id, { shortkey: 'K00005', answer: 'common, and in the small forum' });
    await a.qa(small.id, { shortkey: 'common', answer: 'the exact key' });
    await a.qa(small.id, { question: 'common without a shortkey', answer: 'x' });
    await a.offer([big.id, small.id]);
    const chatId = await a.chat();
    const keys = async (q: string, limit = 5) =>
      (
        await a.agent.get<CannedHits>(`/api/chats/${chatId}/canned-responses?q=${q}&limit=${limit}`)
      ).body.items.map((i) => i.shortkey);
    // A word in every Q&A: the exact key first, then by shortkey (byte order of the lower case), both forums.
    expect(await keys('common')).toEqual(['common', 'k0000', 'K00005', 'k0001', 'k0002']);
    // A word in a few: a page of them among the first read, or all of them from the index when there are fewer.
    expect(await keys('rare')).toEqual(['k0007', 'k0107', 'k0207', 'k0307', 'k0407']);
    expect(await keys('rare', 20)).toEqual(
      Array.from({ length: 12 }, (_, i) => `k${String(i * 100 + 7).padStart(4, '0')}`),
    );
    expect(await keys('rare%20answer', 20)).toHaveLength(12);
    expect(await keys('nowhere', 20)).toEqual([]);
    // No words: every Q&A, those without a shortkey last.
    const all = await a.agent.get<CannedHits>(`/api/chats/${chatId}/canned-responses?limit=50`);
    expect(all.body.items.slice(0, 3).map((i) => i.shortkey)).toEqual(['common', 'k0000', 'K00005']);
    const only = await a.agent.get<CannedHits>(`/api/chats/${chatId}/canned-responses?forumId=${small.id}`);
    expect(only.body.items.map((i) => i.shortkey)).toEqual(['common', 'K00005', '']);
    // `#k000` suggestions from both forums, in order.
    expect((await a.suggest(chatId, 'K000')).body.items.map((i) => i.shortkey)).toEqual([
      'k0000',
      'K00005',
      'k0001',
      'k0002',
      'k0003',
      'k0004',
      'k0005',
      'k0006',
    ]);
  });

  it('are for chats the agent may read, of their own account (404 otherwise)', async () => {
    const a = await account();
    const b = await account();
    const f = await a.forum('Shop');
    await a.qa(f.id, { shortkey: 'ship', answer: 'Free' });
    await a.offer([f.id]);
    const chatId = await a.chat();
    expect((await a.search(chatId, 'ship', undefined, b.agent)).status).toBe(404);
    expect((await a.suggest(chatId, 'sh', b.manager)).status).toBe(404);
    expect((await b.manager.get(`/api/chats/${chatId}/canned-forums`)).status).toBe(404);
    // The account's manager may read any of its chats.
    expect((await a.search(chatId, 'ship', undefined, a.manager)).body.items.length).toBe(1);
  });
});

describe('TLS-7 the Canned Responses tool', () => {
  it('is enforced by the server: off, the console’s routes answer 403 tool_disabled; managing forums goes on', async () => {
    const a = await account();
    const f = await a.forum('Shop');
    await a.qa(f.id, { shortkey: 'ship', answer: 'Free' });
    await a.offer([f.id]);
    const chatId = await a.chat();
    expect((await a.search(chatId, 'ship')).body.items.length).toBe(1);
    await a.setTool(false);
    for (const path of [
      `/api/chats/${chatId}/canned-forums`,
      `/api/chats/${chatId}/canned-responses?q=ship`,
      `/api/chats/${chatId}/canned-responses/suggestions?prefix=sh`,
    ])
      for (const client of [a.agent, a.manager]) {
        const res = await client.get<Err>(path);
        expect([res.status, res.body.error.code], path).toEqual([403, 'tool_disabled']);
      }
    // The forums stay the manager's to prepare meanwhile.
    expect((await a.manager.get(`/api/canned-forums/${f.id}`)).status).toBe(200);
    await a.setTool(true);
    expect((await a.suggest(chatId, 'sh')).body.items.map((i) => i.shortkey)).toEqual(['ship']);
  });
});

describe('TLS-2 per campaign', () => {
  it('offers each campaign’s agents the forums chosen for it; a duplicated campaign takes its choice along', async () => {
    const a = await account();
    const shop = await a.forum('Shop');
    const billing = await a.forum('Billing');
    await a.qa(shop.id, { shortkey: 'ship', answer: 'Free' });
    await a.qa(billing.id, { shortkey: 'invoice', answer: 'In Orders' });
    const chatId = await a.chat();
    // Nothing chosen: nothing offered.
    expect((await a.search(chatId, '')).body.items).toEqual([]);
    expect((await a.offer([billing.id, billing.id])).forumIds).toEqual([billing.id]);
    expect((await a.search(chatId, '')).body.items.map((i) => i.shortkey)).toEqual(['invoice']);
    await a.offer([shop.id]);
    expect((await a.search(chatId, '')).body.items.map((i) => i.shortkey)).toEqual(['ship']);
    await a.offer([shop.id, billing.id]);

    const copy = await a.manager.post<Campaign>(`/api/campaigns/${a.campaignId}/duplicate`);
    expect(copy.status).toBe(201);
    const copied = await a.manager.get<CampaignCannedForums>(
      `/api/campaigns/${copy.body.id}/tools/canned-responses`,
    );
    expect(new Set(copied.body.forumIds)).toEqual(new Set([shop.id, billing.id]));
    // The copy's choice is its own.
    await a.offer([], copy.body.id);
    expect((await a.search(chatId, '')).body.items.length).toBe(2);
  });

  it('keeps accounts apart: another account’s forums, Q&As and campaigns are not found', async () => {
    const a = await account();
    const b = await account();
    const f = await a.forum('Shop');
    const q = await a.qa(f.id, { shortkey: 'ship', answer: 'Free' });
    expect((await b.manager.get(`/api/canned-forums/${f.id}`)).status).toBe(404);
    expect((await b.manager.patch(`/api/canned-forums/${f.id}`, { title: 'Mine' })).status).toBe(404);
    expect((await b.manager.delete(`/api/canned-forums/${f.id}`)).status).toBe(404);
    expect((await b.manager.post(`/api/canned-forums/${f.id}/responses`, {})).status).toBe(404);
    expect((await b.manager.patch(`/api/canned-responses/${q.id}`, { answer: 'Mine' })).status).toBe(404);
    expect((await b.manager.delete(`/api/canned-responses/${q.id}`)).status).toBe(404);
    expect((await b.manager.post(`/api/canned-responses/${q.id}/undo-removal`)).status).toBe(404);
    expect((await b.manager.get(`/api/campaigns/${a.campaignId}/tools/canned-responses`)).status).toBe(404);
    expect(
      (await b.manager.put(`/api/campaigns/${a.campaignId}/tools/canned-responses`, { forumIds: [] })).status,
    ).toBe(404);
    // Another account's forum in one's own campaign: refused by field, nothing saved.
    const theirs = await b.manager.put<Err>(`/api/campaigns/${b.campaignId}/tools/canned-responses`, {
      forumIds: [f.id],
    });
    expect([theirs.status, theirs.body.error.fields]).toEqual([
      400,
      { 'forumIds.0': 'This forum does not exist any more' },
    ]);
    expect(
      (await b.manager.get<CampaignCannedForums>(`/api/campaigns/${b.campaignId}/tools/canned-responses`))
        .body,
    ).toEqual({
      forumIds: [],
    });
    expect((await b.manager.get<CannedForumList>('/api/canned-forums')).body.items).toEqual([]);
    // Same titles and shortkeys in two accounts are two things.
    const bf = await b.forum('Shop');
    await b.qa(bf.id, { shortkey: 'ship', answer: 'Theirs' });
    expect((await a.detail(f.id)).items.map((i) => i.answer)).toEqual(['Free']);
  });
});
