import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Campaign,
  ChatDetail,
  ChatListPage,
  ChatSuccessCodes,
  Statistics,
  SuccessCodeSettings,
  SurveySettings,
  VisitorServerFrame,
  WidgetConfig,
} from '@parley/protocol';
import { accountWithAgent } from '../../../test/accounts.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { eventually } from '../../../test/wait.js';
import { cid, WsClient } from '../../../test/ws-client.js';

// GOL-1 (success codes: the list, "multiple codes", "forced before close", enforced by the server) and GOL-2 (the
// customer survey: settings, the visitor's rating after the close, once per chat, changeable while open) through
// the real routes, sockets and database. Each test has an account of its own.
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
const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
const period = `from=${day(-1)}&to=${day(1)}`;

/** An account with its campaign, one agent (Ann) in its routing, and helpers for a chat. */
async function account(language: 'en' | 'de' = 'en') {
  const base = await accountWithAgent(t, 'goals', sockets);
  const { manager, campaignId, console } = base;
  if (language !== 'en') {
    const res = await manager.patch<Campaign>(`/api/campaigns/${campaignId}`, { language });
    expect(res.status).toBe(200);
  }
  const codesPath = `/api/campaigns/${campaignId}/goals/success-codes`;
  const surveyPath = `/api/campaigns/${campaignId}/goals/survey`;
  const visitor = async () => (await base.visitor()).v;

  async function close(chatId: string, codeIds?: string[]) {
    const a = await console();
    const before = a.frames.length;
    a.send({ type: 'chat.close', chatId, ...(codeIds ? { codeIds } : {}) });
    return Promise.race([
      a.next('error', (f) => f.chatId === chatId && a.frames.indexOf(f) >= before),
      a.next('chat.event', (f) => f.chatId === chatId && f.event.type === 'closed'),
    ]);
  }

  async function saveCodes(body: object) {
    const res = await manager.put<SuccessCodeSettings>(codesPath, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  async function saveSurvey(body: Partial<SurveySettings>) {
    const current = (await manager.get<SurveySettings>(surveyPath)).body;
    const res = await manager.put<SurveySettings>(surveyPath, { ...current, ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  return {
    ...base,
    codesPath,
    surveyPath,
    close,
    visitor,
    saveCodes,
    saveSurvey,
    chatRow: (id: string) =>
      db().selectFrom('chats').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  };
}

describe('GOL-1 the campaign’s success codes', () => {
  it('are a list a manager adds to, renames, reorders and deletes from, with the two options', async () => {
    const a = await account();
    expect((await a.manager.get(a.codesPath)).body).toEqual({
      allowMultiple: false,
      required: false,
      codes: [],
    });

    const first = await a.saveCodes({
      allowMultiple: false,
      required: true,
      codes: [{ name: ' Sales ' }, { name: 'Support' }, { name: 'Registration' }],
    });
    expect(first).toMatchObject({ allowMultiple: false, required: true });
    expect(first.codes.map((c) => c.name)).toEqual(['Sales', 'Support', 'Registration']);
    const [sales, support, registration] = first.codes;

    // Swap two names, move one up, delete one, add one: one save.
    const second = await a.saveCodes({
      allowMultiple: true,
      required: false,
      codes: [
        { id: registration!.id, name: 'Sign-up' },
        { id: support!.id, name: 'Sales' },
        { id: sales!.id, name: 'Support' },
        { name: 'Complaint' },
      ],
    });
    expect(second.codes.map((c) => [c.id, c.name])).toEqual([
      [registration!.id, 'Sign-up'],
      [support!.id, 'Sales'],
      [sales!.id, 'Support'],
      [second.codes[3]!.id, 'Complaint'],
    ]);
    const third = await a.saveCodes({ allowMultiple: true, required: false, codes: second.codes.slice(1) });
    expect(third.codes.map((c) => c.name)).toEqual(['Sales', 'Support', 'Complaint']);
    // The deleted code stays in the database for the chats that have it.
    const kept = await db()
      .selectFrom('success_codes')
      .selectAll()
      .where('id', '=', registration!.id)
      .executeTakeFirst();
    expect(kept?.deleted_at).not.toBeNull();

    // Refused by field: the same name twice (whatever the case), no name, a deleted code, another campaign's code.
    const twice = await a.manager.put<{ error: { fields: Record<string, string> } }>(a.codesPath, {
      allowMultiple: false,
      required: false,
      codes: [{ name: 'Sales' }, { name: 'SALES' }, { name: '  ' }],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.fields).toEqual({
      'codes.1.name': 'This name is in the list already',
      'codes.2.name': 'Enter a name',
    });
    const gone = await a.manager.put<{ error: { fields: Record<string, string> } }>(a.codesPath, {
      allowMultiple: false,
      required: false,
      codes: [{ id: registration!.id, name: 'Back again' }],
    });
    expect(gone.status).toBe(400);
    expect(gone.body.error.fields).toEqual({ 'codes.0.id': 'This code is not in the list any more' });
    const other = await a.manager.post<Campaign>('/api/campaigns', { title: 'Other' });
    const otherPath = `/api/campaigns/${other.body.id}/goals/success-codes`;
    const stolen = await a.manager.put(otherPath, {
      allowMultiple: false,
      required: false,
      codes: [{ id: support!.id, name: 'Mine now' }],
    });
    expect(stolen.status).toBe(400);
    expect((await a.saveCodes({ allowMultiple: false, required: false, codes: [] })).codes).toEqual([]);
    expect((await a.manager.get<SuccessCodeSettings>(otherPath)).body.codes).toEqual([]);

    // Managers only, and only their own account's campaigns.
    expect((await a.agent.get(a.codesPath)).status).toBe(403);
    const b = await account();
    expect((await b.manager.get(a.codesPath)).status).toBe(404);
    expect(
      (await b.manager.put(a.codesPath, { allowMultiple: false, required: false, codes: [] })).status,
    ).toBe(404);
  });
});

describe('GOL-1 choosing codes, enforced by the server', () => {
  it('refuses a close without a code when forced, and closes with one (codes in the transcript)', async () => {
    const a = await account();
    const { codes } = await a.saveCodes({
      allowMultiple: false,
      required: true,
      codes: [{ name: 'Sales' }, { name: 'Support' }],
    });
    const [sales, support] = codes;
    const { chatId, v, a: ws } = await a.chat();

    const refused = await a.close(chatId);
    expect(refused).toMatchObject({
      type: 'error',
      code: 'success_code_required',
      message: 'Choose a success code before closing this chat',
    });
    expect((await a.chatRow(chatId)).status).toBe('active');

    // What the console asks for the chat: the campaign's list and that a code is required.
    const before = await a.agent.get<ChatSuccessCodes>(`/api/chats/${chatId}/success-codes`);
    expect(before.body).toEqual({ options: codes, chosen: [], allowMultiple: false, required: true });

    // Two codes where one is allowed: refused, and nothing closes.
    const two = await a.close(chatId, [sales!.id, support!.id]);
    expect(two).toMatchObject({
      type: 'error',
      code: 'bad_frame',
      message: 'This campaign allows one success code per chat',
    });
    expect((await a.chatRow(chatId)).status).toBe('active');

    const closed = await a.close(chatId, [sales!.id]);
    expect(closed).toMatchObject({ type: 'chat.event' });
    const row = await a.chatRow(chatId);
    expect(row).toMatchObject({ status: 'closed', closed_by: 'agent', code_count: 1 });
    const events = await ws.untilTranscript(chatId, (e) => e.some((x) => x.type === 'closed'));
    const coded = events.find((e) => e.type === 'success_codes');
    expect(coded).toMatchObject({
      author: 'agent',
      authorName: 'Ann',
      data: { codes: [{ id: sales!.id, name: 'Sales' }] },
    });
    expect(coded!.seq).toBeLessThan(events.find((e) => e.type === 'closed')!.seq);

    // The visitor's socket carries the event (the transcript stays whole) but not the company's codes.
    const seen = await v.untilTranscript(chatId, (e) => e.some((x) => x.type === 'closed'));
    expect(seen.find((e) => e.type === 'success_codes')?.data).toEqual({});

    // After the close the agent may still change them; another agent or a manager of the chat may not.
    const after = await a.agent.put<ChatSuccessCodes>(`/api/chats/${chatId}/success-codes`, {
      codeIds: [support!.id],
    });
    expect(after.status).toBe(200);
    expect(after.body.chosen).toEqual([support]);
    expect((await a.manager.put(`/api/chats/${chatId}/success-codes`, { codeIds: [] })).status).toBe(403);
  });

  it('takes several codes only when the campaign allows them; a forced code with no list does not block', async () => {
    const a = await account();
    const { codes } = await a.saveCodes({
      allowMultiple: false,
      required: false,
      codes: [{ name: 'Sales' }, { name: 'Support' }, { name: 'Registration' }],
    });
    const ids = codes.map((c) => c.id);
    const { chatId } = await a.chat();
    const path = `/api/chats/${chatId}/success-codes`;
    const refused = await a.agent.put<{ error: { fields: Record<string, string> } }>(path, {
      codeIds: ids.slice(0, 2),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual({ codeIds: 'This campaign allows one success code per chat' });
    // One code twice is one code.
    expect((await a.agent.put(path, { codeIds: [ids[0], ids[0]] })).status).toBe(200);

    await a.saveCodes({ allowMultiple: true, required: false, codes });
    const both = await a.agent.put<ChatSuccessCodes>(path, { codeIds: [ids[2], ids[0]] });
    expect(both.status).toBe(200);
    expect(both.body.chosen.map((c) => c.name)).toEqual(['Sales', 'Registration']);
    expect((await a.chatRow(chatId)).code_count).toBe(2);

    // A code of another campaign or account is not this chat's to have.
    const b = await account();
    const foreign = (
      await b.saveCodes({ allowMultiple: false, required: false, codes: [{ name: 'Theirs' }] })
    ).codes[0]!;
    const wrong = await a.agent.put<{ error: { message: string } }>(path, { codeIds: [foreign.id] });
    expect([wrong.status, wrong.body.error.message]).toEqual([
      400,
      'This success code is not in the campaign’s list',
    ]);
    // …nor may another account read or change this chat's codes.
    expect((await b.manager.get(path)).status).toBe(404);
    expect((await b.agent.put(path, { codeIds: [] })).status).toBe(404);

    // Forced, but the campaign has no codes: closing is not blocked.
    await a.saveCodes({ allowMultiple: true, required: true, codes: [] });
    const second = await a.chat();
    expect(await a.close(second.chatId)).toMatchObject({ type: 'chat.event' });
  });

  it('shows the codes in the Chats list filter, the Conversations export, the chat’s record and the statistic', async () => {
    const a = await account();
    const { codes } = await a.saveCodes({
      allowMultiple: true,
      required: false,
      codes: [{ name: 'Sales' }, { name: 'Support' }],
    });
    const [sales, support] = codes;
    const one = await a.chat();
    await a.close(one.chatId, [sales!.id, support!.id]);
    const two = await a.chat();
    await a.close(two.chatId, [support!.id]);
    const three = await a.chat();
    await a.close(three.chatId);

    const listed = async (code: string) =>
      (await a.manager.get<ChatListPage>(`/api/chats?${period}&successCodeId=${code}`)).body.items
        .map((i) => i.id)
        .sort();
    expect(await listed(sales!.id)).toEqual([one.chatId]);
    expect(await listed(support!.id)).toEqual([one.chatId, two.chatId].sort());
    const record = (await a.manager.get<ChatDetail>(`/api/chats/${one.chatId}`)).body.record;
    expect(record.successCodes.map((c) => c.name)).toEqual(['Sales', 'Support']);

    const csv = await a.manager.get<string>(`/api/exports/conversations.csv?${period}`);
    const rows = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const byId = new Map(rows.map((r) => [r.chat_id, r.success_codes]));
    expect([byId.get(one.chatId), byId.get(two.chatId), byId.get(three.chatId)]).toEqual([
      'Sales; Support',
      'Support',
      '',
    ]);

    const stats = (await a.manager.get<Statistics>(`/api/statistics?${period}`)).body.successCodes;
    expect(stats.codedChats).toBe(2);
    expect(stats.codes.map((c) => [c.name, c.chats]).sort()).toEqual([
      ['Sales', 1],
      ['Support', 2],
    ]);
    // The same through the raw path (an agent filter cannot use the rollups).
    const raw = (await a.manager.get<Statistics>(`/api/statistics?${period}&agentId=${a.annId}`)).body
      .successCodes;
    expect(raw.codedChats).toBe(2);
  });
});

describe('GOL-2 the customer survey', () => {
  it('has settings with texts in the campaign’s language, checked by field, shown to the chat frame only', async () => {
    const a = await account('de');
    const defaults = (await a.manager.get<SurveySettings>(a.surveyPath)).body;
    expect(defaults).toEqual({
      enabled: false,
      scale: 'smileys',
      question: 'Wie bewerten Sie diesen Chat?',
      comment: false,
      commentText: 'Möchten Sie uns mehr dazu sagen?',
      thanks: false,
      thanksText: 'Vielen Dank für Ihr Feedback!',
    });
    const bad = await a.manager.put<{ error: { fields: Record<string, string> } }>(a.surveyPath, {
      ...defaults,
      scale: 'stars',
      comment: true,
      commentText: ' ',
      thanks: true,
      thanksText: '',
      question: 'x'.repeat(301),
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual([
      'commentText',
      'question',
      'scale',
      'thanksText',
    ]);

    const frameConfig = async () =>
      (await (await fetch(`${t.url}/widget/config?site=${a.siteId}&view=frame`)).json()) as WidgetConfig;
    expect((await frameConfig()).survey).toBeNull();
    await a.saveSurvey({
      enabled: true,
      scale: 'thumbs',
      question: '',
      comment: true,
      commentText: 'Warum?',
    });
    await eventually('the survey in the widget config', async () => {
      const c = await frameConfig();
      return c.survey?.scale === 'thumbs' && c;
    });
    expect((await frameConfig()).survey).toEqual({
      scale: 'thumbs',
      question: '',
      commentText: 'Warum?',
      thanksText: '',
    });
    const loader = (await (await fetch(`${t.url}/widget/config?site=${a.siteId}`)).json()) as object;
    expect(loader).not.toHaveProperty('survey');

    expect((await a.agent.get(a.surveyPath)).status).toBe(403);
    const b = await account();
    expect((await b.manager.get(a.surveyPath)).status).toBe(404);
    expect((await b.manager.put(a.surveyPath, defaults)).status).toBe(404);
  });

  it('takes one rating per chat from its visitor after the close, changeable until sent, live in the console', async () => {
    const a = await account();
    await a.saveSurvey({ enabled: true, scale: 'smileys', comment: true, thanks: true });
    const { chatId, v, a: ws } = await a.chat();
    const answer = (rating: number, extra: object = {}) => {
      const c = cid();
      v.send({ type: 'survey.answer', chatId, cid: c, rating, ...extra });
      return Promise.race([v.next('ack', (f) => f.cid === c), v.next('error', (f) => f.cid === c)]);
    };

    // Not while the chat goes on.
    expect(await answer(4)).toMatchObject({
      type: 'error',
      code: 'survey_closed',
      message: 'The survey opens when the chat has ended',
    });
    await a.close(chatId);
    const ended = await v.next('chat.state', (f) => f.chat.id === chatId && f.chat.status === 'closed');
    expect(ended.chat.survey).toEqual({ rating: null, comment: '', open: true });

    expect(await answer(4)).toMatchObject({ type: 'ack', chatId });
    const first = await ws.untilTranscript(chatId, (e) => e.some((x) => x.type === 'rated'));
    expect(first.at(-1)).toMatchObject({
      type: 'rated',
      author: 'visitor',
      data: { rating: 4, scale: 'smileys', comment: '', sent: false },
    });
    // Changed: one rating, the latest; each change in the transcript.
    expect(await answer(2)).toMatchObject({ type: 'ack' });
    expect(await answer(2)).toMatchObject({ type: 'ack' }); // the same again changes nothing
    const c = cid();
    v.send({
      type: 'survey.answer',
      chatId,
      cid: c,
      rating: 5,
      comment: '  Very quick, thanks  ',
      sent: true,
    });
    const sent = await v.next('ack', (f) => f.cid === c);
    // A resend of the same answer (a lost ack) is acknowledged with the same seq.
    v.send({ type: 'survey.answer', chatId, cid: c, rating: 5, comment: 'Very quick, thanks', sent: true });
    await eventually(
      'the resend acked',
      async () => v.frames.filter((f) => f.type === 'ack' && f.cid === c).length === 2,
    );
    expect(
      v.frames.filter((f) => f.type === 'ack' && f.cid === c).map((f) => (f as { seq: number }).seq),
    ).toEqual([sent.seq, sent.seq]);
    const rated = (
      await ws.untilTranscript(chatId, (e) => e.filter((x) => x.type === 'rated').length === 3)
    ).filter((e) => e.type === 'rated');
    expect(rated.map((e) => [e.data.rating, e.data.sent])).toEqual([
      [4, false],
      [2, false],
      [5, true],
    ]);
    expect(await a.chatRow(chatId)).toMatchObject({
      rating: 5,
      rating_scale: 'smileys',
      rating_comment: 'Very quick, thanks',
    });
    const closedState = await v.next(
      'chat.state',
      (f) => f.chat.id === chatId && f.chat.survey?.open === false,
    );
    expect(closedState.chat.survey).toEqual({ rating: 5, comment: 'Very quick, thanks', open: false });
    // Sent: the survey is closed.
    expect(await answer(1)).toMatchObject({
      type: 'error',
      code: 'survey_closed',
      message: 'This survey was sent already',
    });

    // The Chats list, the chat's record and the satisfaction statistic have it.
    const item = (await a.manager.get<ChatListPage>(`/api/chats?${period}`)).body;
    expect(item.ratings).toBe(true);
    expect(item.items.find((i) => i.id === chatId)).toMatchObject({ rating: 5, ratingScale: 'smileys' });
    const record = (await a.manager.get<ChatDetail>(`/api/chats/${chatId}`)).body.record;
    expect(record).toMatchObject({ rating: 5, ratingScale: 'smileys', ratingComment: 'Very quick, thanks' });
    const satisfaction = (await a.manager.get<Statistics>(`/api/statistics?${period}`)).body.satisfaction;
    expect(satisfaction).toMatchObject({ rated: 1, average: 5 });
    expect(satisfaction.ratings.find((r) => r.rating === 5)?.chats).toBe(1);
  });

  it('refuses another visitor, a wrong rating for thumbs, a comment without a box, and an answer after 24 hours', async () => {
    const a = await account();
    await a.saveSurvey({ enabled: true, scale: 'thumbs', comment: false });
    const { chatId, v } = await a.chat();
    await a.close(chatId);
    await v.next('chat.state', (f) => f.chat.id === chatId && f.chat.status === 'closed');
    const answer = (ws: WsClient<VisitorServerFrame>, frame: object) => {
      const c = cid();
      ws.send({ type: 'survey.answer', chatId, cid: c, ...frame });
      return Promise.race([ws.next('ack', (f) => f.cid === c), ws.next('error', (f) => f.cid === c)]);
    };

    // Another visitor of the same site, and a visitor of another account: this chat does not exist for them.
    const stranger = await a.visitor();
    expect(await answer(stranger, { rating: 5 })).toMatchObject({ type: 'error', code: 'not_found' });
    const b = await account();
    await b.saveSurvey({ enabled: true });
    const foreign = await b.visitor();
    expect(await answer(foreign, { rating: 5 })).toMatchObject({ type: 'error', code: 'not_found' });

    expect(await answer(v, { rating: 3 })).toMatchObject({
      type: 'error',
      code: 'bad_frame',
      message: 'With thumbs a rating is 1 (down) or 5 (up)',
    });
    expect(await answer(v, { rating: 6 })).toMatchObject({
      type: 'error',
      code: 'bad_frame',
      message: 'rating: A rating is 1 to 5',
    });
    expect(await answer(v, { rating: 5, comment: 'Hi' })).toMatchObject({
      type: 'error',
      code: 'bad_frame',
      message: 'This survey has no comment box',
    });
    expect(await answer(v, { rating: 1 })).toMatchObject({ type: 'ack' });
    expect((await a.chatRow(chatId)).rating).toBe(1);

    // 24 hours after the close the survey has closed.
    await db()
      .updateTable('chats')
      .set({ closed_at: new Date(Date.now() - 25 * 3_600_000) })
      .where('id', '=', chatId)
      .execute();
    expect(await answer(v, { rating: 5 })).toMatchObject({ type: 'error', code: 'survey_closed' });
    expect((await a.chatRow(chatId)).rating).toBe(1);

    // A campaign without a survey: no survey to answer.
    const c = await account();
    const other = await c.chat();
    await c.close(other.chatId);
    const state = await other.v.next(
      'chat.state',
      (f) => f.chat.id === other.chatId && f.chat.status === 'closed',
    );
    expect(state.chat.survey).toBeNull();
    const none = cid();
    other.v.send({ type: 'survey.answer', chatId: other.chatId, cid: none, rating: 5 });
    expect(await other.v.next('error', (f) => f.cid === none)).toMatchObject({
      code: 'survey_closed',
      message: 'This chat has no survey',
    });
  });
});
