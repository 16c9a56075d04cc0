import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AgentClientFrame,
  CSRF_HEADER,
  SOCKET_MAX_PAYLOAD,
  UNSTORABLE_TEXT_MESSAGE,
  VISITOR_TOKEN_HEADER,
  VisitorClientFrame,
  type AgentServerFrame,
  type CampaignToolSettings,
  type VisitorServerFrame,
  type WebsiteList,
} from '@parley/protocol';
import { ADMIN, startTestApp, TestClient, type TestApp } from '../../test/harness.js';
import {
  deepJsonText,
  fromSchema,
  hostileString,
  inUrl,
  rawUrlPiece,
  type JsonSchema,
} from '../../test/hostile.js';
import { cid, WsClient, WAIT_MS, wsUrl } from '../../test/ws-client.js';

/**
 * Bad input never produces a 500 or an `internal` frame (issue 10): arbitrary and hostile values — NUL, unpaired
 * surrogates, 1 MB strings, deeply nested JSON, wrong types — at every REST route of the OpenAPI document and at
 * every frame type of the visitor and agent sockets, signed in as a manager and anonymous. Each answer must be a
 * 4xx in the standard error shape (or a success), each socket error frame anything but `internal`, and the
 * process must still serve afterwards.
 */

/**
 * Requests per route (manager and anonymous mixed), socket runs per socket kind: tuned to keep the file under a
 * minute. HOSTILE_RUNS / HOSTILE_SOCKET_RUNS search harder (150 / 400 found nothing more); HOSTILE_STATS=1 prints
 * how the answers were spread, to see how far past validation the values reach.
 */
const RUNS_PER_ROUTE = Number(process.env.HOSTILE_RUNS ?? 30);
const SOCKET_RUNS = Number(process.env.HOSTILE_SOCKET_RUNS ?? 40);
/** A bound on each wait for an answer (it ends when the answer comes): generous, for a loaded machine. */
const TIMEOUT_MS = WAIT_MS;

let t: TestApp;
let manager: TestClient;
let siteId: string;
let visitorToken: string;
/** The visitor above, on the site (a beacon's page view), so the Visitors routes reach a real one (TLS-6). */
let visitorId: string;
let chatId: string;
/** Real ids of things in the account, so hostile values reach past "not found" into the code behind. */
let ids: string[];
/** TLS-2…TLS-4: a forum of canned responses and its Q&A. */
let cannedIds: { forum: string; qa: string };

const origin = 'http://localhost:8080';

/** What the app logged as errors: a failure on our side that no client was told about still counts. */
const errorLogs: string[] = [];

beforeAll(async () => {
  // SMTP_TIMEOUT_SECONDS: "Send test email" (FUP-1) with hostile hosts gives up soon.
  t = await startTestApp({ VISITOR_FRAMES_PER_SECOND: '1000', SMTP_TIMEOUT_SECONDS: '2' }, undefined, {
    write: (line) => void errorLogs.push(line.slice(0, 2000)),
  });
  manager = t.admin;
  siteId = (await manager.get<WebsiteList>('/api/websites')).body.items[0]!.id;
  const victim = await manager.post<{ id: string }>('/api/users', {
    email: 'victim@example.com',
    password: 'victim-password-1',
    firstName: 'Vic',
    lastName: 'Tim',
    rights: 'agent',
  });
  const group = await manager.post<{ id: string }>('/api/groups', { name: 'Targets' });
  const campaign = await manager.post<{ id: string }>('/api/campaigns', { title: 'Target campaign' });
  expect([victim.status, group.status, campaign.status]).toEqual([201, 201, 201]);

  // A chat assigned to the manager (as agent), from a visitor whose token the tests reuse.
  const a = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
    headers: { cookie: manager.cookie, origin: t.url },
  });
  await a.next('welcome');
  a.send({ type: 'presence.set', status: 'available' });
  const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${siteId}`), {
    headers: { origin },
  });
  v.send({ type: 'hello' });
  const welcome = await v.next('welcome');
  visitorToken = welcome.token!;
  visitorId = welcome.visitorId;
  const c = cid();
  v.send({ type: 'chat.start', cid: c, text: 'Hello' });
  chatId = (await v.next('ack', (f) => f.cid === c)).chatId;
  await a.next('chat.upsert', (f) => f.chat.id === chatId && f.chat.status === 'active');
  a.close();
  v.close();
  // A token link of an export (EXP-9), so that revoking reaches a real one.
  const link = await manager.post<{ id: string }>('/api/exports/agents/links');
  expect(link.status).toBe(201);
  // A greeting of the campaign (INV-3), so that the invite routes reach a real one.
  const invite = await manager.post<{ id: string }>(`/api/campaigns/${campaign.body.id}/invites`, {
    kind: 'yes_no',
    title: 'Target greeting',
    text: 'Hello',
    acceptText: 'Yes',
    declineText: 'No',
    moments: [{ name: 'At once', criteria: [] }],
  });
  expect(invite.status).toBe(201);
  // Success codes of the campaign (GOL-1), so that code ids reach real ones; its survey on (GOL-2).
  const codes = await manager.put<{ codes: { id: string }[] }>(
    `/api/campaigns/${campaign.body.id}/goals/success-codes`,
    { allowMultiple: true, required: true, codes: [{ name: 'Sales' }, { name: 'Support' }] },
  );
  expect(codes.status).toBe(200);
  // A chat button of the campaign (INV-7…INV-9), so that the button routes reach a real one.
  const button = await manager.post<{ id: string }>(`/api/campaigns/${campaign.body.id}/buttons`, {
    placement: 'custom',
    name: 'Target button',
    html: '<button type="button">Chat</button>',
    pages: 'certain',
    urls: [{ match: 'wildcard', url: '/shop/*' }],
  });
  expect(button.status).toBe(201);
  // Goals of the campaign (GOL-3, GOL-4), so that goal ids and the snippet's titles reach real ones.
  const goals = await manager.put<{ goals: { id: string }[] }>(
    `/api/campaigns/${campaign.body.id}/goals/sales`,
    {
      ga4: true,
      goals: [
        { title: 'Order', moments: [{ name: 'Thanks', criteria: [] }], valueKind: 'changing' },
        { title: 'Signup', moments: [], valueKind: 'fixed', value: '5' },
      ],
    },
  );
  expect(goals.status).toBe(200);
  const seen = await fetch(`${t.url}/widget/beacon`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin },
    body: JSON.stringify({ site: siteId, token: visitorToken, url: `${origin}/`, title: 'Home' }),
  });
  expect(seen.status).toBe(200);
  // A forum of canned responses with a Q&A (TLS-2…TLS-4), offered to the chat's campaign, so that the forum, Q&A
  // and console search routes reach real ones.
  const forum = await manager.post<{ id: string }>('/api/canned-forums', { title: 'Target forum' });
  const qa = await manager.post<{ id: string }>(`/api/canned-forums/${forum.body.id}/responses`, {
    shortkey: 'target',
    answer: 'Hello',
  });
  const chatCampaign = await t.runtime.database.db
    .selectFrom('chats')
    .select('campaign_id')
    .where('id', '=', chatId)
    .executeTakeFirstOrThrow();
  const offered = await manager.put(`/api/campaigns/${chatCampaign.campaign_id}/tools/canned-responses`, {
    forumIds: [forum.body.id],
  });
  expect([forum.status, qa.status, offered.status]).toEqual([201, 201, 200]);
  cannedIds = { forum: forum.body.id, qa: qa.body.id };
  ids = [
    victim.body.id,
    group.body.id,
    campaign.body.id,
    siteId,
    chatId,
    link.body.id,
    invite.body.id,
    ...codes.body.codes.map((c) => c.id),
    button.body.id,
    ...goals.body.goals.map((g) => g.id),
    visitorId,
    forum.body.id,
    qa.body.id,
  ];
});
afterAll(() => t?.close());

describe('NUL and unpaired surrogates are refused at the edge, naming the field (issue 10.4)', () => {
  type Err = { error: { code: string; message: string; fields?: Record<string, string> } };
  const refused = (res: { status: number; body: unknown }, field: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect((res.body as Err).error).toMatchObject({
      code: 'validation_failed',
      fields: { [field]: expect.stringContaining('not allowed') },
    });
  };

  it('in REST bodies, query strings and sign-in, and nothing is stored', async () => {
    const anonymous = new TestClient(t.url);
    refused(
      await anonymous.post('/api/auth/login', { email: ADMIN.email, password: 'pass\u0000word' }),
      'password',
    );
    refused(await anonymous.post('/api/auth/login', { email: 'ad\ud800min', password: 'x' }), 'email');
    const user = {
      email: 'nul@example.com',
      password: 'long-enough-1',
      lastName: 'Ok',
      rights: 'agent',
    };
    refused(await manager.post('/api/users', { ...user, firstName: 'Ann\u0000' }), 'firstName');
    refused(await manager.post('/api/users', { ...user, firstName: 'Ann', nickname: 'x\udc00' }), 'nickname');
    refused(await manager.post('/api/groups', { name: 'Sales\ud800' }), 'name');
    refused(
      await manager.post('/api/campaigns', { title: 'Spring', closingText: 'Bye\u0000' }),
      'closingText',
    );
    const campaignId = ids[2]!;
    refused(await manager.patch(`/api/campaigns/${campaignId}`, { openingText: '\udfffHi' }), 'openingText');
    refused(
      await manager.put(`/api/campaigns/${campaignId}/goals/success-codes`, {
        allowMultiple: false,
        required: false,
        codes: [{ name: 'Sales\u0000' }],
      }),
      'codes.0.name',
    );
    refused(
      await manager.put(`/api/campaigns/${campaignId}/goals/sales`, {
        ga4: false,
        goals: [{ title: 'Order\u0000', moments: [], valueKind: 'none' }],
      }),
      'goals.0.title',
    );
    refused(await manager.post('/api/canned-forums', { title: 'Shop\u0000' }), 'title');
    refused(
      await manager.post(`/api/canned-forums/${cannedIds.forum}/responses`, { answer: 'Hi\ud800' }),
      'answer',
    );
    refused(
      await manager.patch(`/api/canned-responses/${cannedIds.qa}`, { question: 'a\u0000' }),
      'question',
    );
    refused(await manager.get(`/api/chats/${chatId}/canned-responses?q=a%00b`), 'q');
    const badCode = await manager.put<Err>(`/api/chats/${chatId}/success-codes`, { codeIds: ['\ud800'] });
    expect([badCode.status, Object.keys(badCode.body.error.fields ?? {})]).toEqual([400, ['codeIds.0']]);
    refused(await manager.get('/api/users?q=%00'), 'q');
    refused(await manager.get('/api/groups?q=a%00b'), 'q');
    refused(await manager.get('/api/chats?from=2026-01-01&to=2026-01-02&cursor=a%00'), 'cursor');
    // A time zone with a NUL is not a time zone: refused by the schema, naming the field.
    const zone = await manager.patch<Err>('/api/account', { timeZone: 'Europe/Amsterdam\u0000' });
    expect([zone.status, Object.keys(zone.body.error.fields ?? {})]).toEqual([400, ['timeZone']]);
    // Nothing was stored by any of them.
    const users = await manager.get<{ items: { email: string }[] }>('/api/users?q=nul%40example.com');
    expect(users.body.items).toEqual([]);
    const groups = await manager.get<{ items: { name: string }[] }>('/api/groups');
    expect(groups.body.items.some((g) => g.name.startsWith('Sales'))).toBe(false);
  });

  it('in upload file names', async () => {
    const form = multipart('photo\u0000.png', 'file', PNG);
    const res = await fetch(`${t.url}/api/chats/${chatId}/files`, {
      method: 'POST',
      headers: { cookie: manager.cookie, [CSRF_HEADER]: manager.csrf, 'content-type': form.contentType },
      body: new Uint8Array(form.data),
    });
    refused({ status: res.status, body: await res.json() }, 'file');
  });

  it('in visitor frames: bad_frame naming the field (and the cid)', async () => {
    const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${siteId}`), {
      headers: { origin },
    });
    v.send({ type: 'hello', token: visitorToken, page: { url: 'http://localhost:8080/\u0000' } });
    const badHello = await v.next('error');
    expect(badHello).toMatchObject({ code: 'bad_frame', message: expect.stringMatching(/^page\.url: /) });
    v.send({ type: 'hello', token: visitorToken });
    await v.next('welcome');
    const frames: [unknown, string][] = [
      [{ type: 'message.send', chatId, cid: cid(), text: 'hi\u0000there' }, 'text'],
      [{ type: 'chat.start', cid: cid(), text: '\ud800' }, 'text'],
      [{ type: 'visitor.update', name: 'Bob\u0000' }, 'name'],
      [{ type: 'visitor.update', data: { 'plan\u0000': 'gold' } }, 'data.plan\ufffd'],
      [{ type: 'page', page: { url: 'http://localhost:8080/', title: '\udfff' } }, 'page.title'],
      [{ type: 'typing', chatId, text: 'a\u0000' }, 'text'],
      [{ type: 'survey.answer', chatId, cid: cid(), rating: 5, comment: 'a\u0000' }, 'comment'],
    ];
    for (const [frame, field] of frames) {
      const before = v.frames.length;
      v.send(frame);
      const sentCid = (frame as { cid?: string }).cid;
      const err = await v.next('error', (f) => v.frames.indexOf(f) >= before);
      expect(err).toMatchObject({ code: 'bad_frame', message: `${field}: ${UNSTORABLE_TEXT_MESSAGE}` });
      if (sentCid) expect(err.cid).toBe(sentCid);
    }
    v.close();
  });

  it('in agent frames', async () => {
    const a = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: manager.cookie, origin: t.url },
    });
    await a.next('welcome');
    const c = cid();
    a.send({ type: 'message.send', chatId, cid: c, text: '\ud800 hello' });
    expect(await a.next('error')).toMatchObject({
      code: 'bad_frame',
      cid: c,
      message: `text: ${UNSTORABLE_TEXT_MESSAGE}`,
    });
    a.close();
  });

  it('in headers and addresses Node refuses before any route: answered in the error shape', async () => {
    const raw = (request: Buffer) =>
      new Promise<string>((resolve) => {
        const { port } = new URL(t.url);
        const socket = connect(Number(port), '127.0.0.1', () => socket.end(request));
        let out = '';
        socket.on('data', (d) => (out += String(d)));
        socket.on('close', () => resolve(out));
        socket.on('error', () => resolve(out));
      });
    const nulAgent = await raw(
      Buffer.concat([
        Buffer.from('GET /api/config HTTP/1.1\r\nHost: x\r\nUser-Agent: a'),
        Buffer.from([0]),
        Buffer.from('b\r\n\r\n'),
      ]),
    );
    expect(nulAgent).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(nulAgent.slice(nulAgent.indexOf('\r\n\r\n') + 4))).toMatchObject({
      error: { code: 'validation_failed' },
    });
    const huge = await fetch(`${t.url}/api/users?q=${'x'.repeat(100_000)}`);
    expect(huge.status).toBe(431);
    expect(await huge.json()).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String) },
    });
    const badEscape = await fetch(`${t.url}/api/users/%ED%A0%80`);
    expect(badEscape.status).toBe(400);
    expect(await badEscape.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });
});

// ------------------------------------------------------------------------------------------------ REST

type Operation = {
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};
type Route = { method: string; path: string; op: Operation };
type Attempt = {
  mode: Mode;
  asManager: boolean;
  path: string;
  query: string;
  body?: { contentType: string; data: string | Buffer };
  headers: Record<string, string>;
};

/** A multipart body with one file whose name and content come from the test. */
function multipart(filename: string, field: string, content: Buffer): { contentType: string; data: Buffer } {
  const boundary = `----hostile${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    data: Buffer.concat([head, content, tail]),
  };
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** The real id a route's path parameter names (the users route gets the victim user, and so on). */
function realIdFor(path: string): string {
  const [victim, group, campaign, site, chat, exportLink] = ids;
  if (path.startsWith('/api/exports/links')) return exportLink!;
  if (path.startsWith('/api/users')) return victim!;
  if (path.startsWith('/api/groups')) return group!;
  if (path.startsWith('/api/campaigns')) return campaign!;
  if (path.startsWith('/api/websites')) return site!;
  if (path.startsWith('/api/visitors')) return ids[7]!;
  return chat!;
}

type Mode = 'hostile' | 'fit';

/**
 * One request to a route: in `hostile` mode every part (path parameters, query, body) may be hostile; in `fit`
 * mode the path names the real object and the query and body fit their schemas (with any characters that fit),
 * so that the request reaches the service and the database.
 */
function attemptFor(route: Route): fc.Arbitrary<Attempt> {
  return fc.constantFrom<Mode>('hostile', 'fit').chain((mode) => attemptIn(route, mode));
}

function attemptIn(route: Route, mode: Mode): fc.Arbitrary<Attempt> {
  const params = route.op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const realId = realIdFor(route.path);
  // A greeting's or a chat button's own id where a route names one (`/api/campaigns/{id}/invites/{inviteId}`).
  const realIdOf = (p: (typeof params)[number]) =>
    p.name === 'inviteId' ? ids[6]! : p.name === 'buttonId' ? ids[7]! : realId;
  const pathValue = (p: (typeof params)[number]) =>
    mode === 'fit'
      ? fc.oneof({ weight: 4, arbitrary: fc.constant(realIdOf(p)) }, { weight: 1, arbitrary: fc.uuid() })
      : fc.oneof(
          { weight: 3, arbitrary: fromSchema(p.schema, [realIdOf(p)]).map(inUrl) },
          { weight: 1, arbitrary: rawUrlPiece },
        );
  const pathArb = fc
    .tuple(...pathParams.map(pathValue))
    .map((values) =>
      pathParams.reduce((path, p, i) => path.replace(`{${p.name}}`, values[i] || '%00'), route.path),
    );
  const queryValue = (p: (typeof params)[number]) =>
    mode === 'fit'
      ? fromSchema(p.schema, ids, 'fit').map((v) => `${p.name}=${inUrl(v)}`)
      : fc.oneof(
          { weight: 3, arbitrary: fromSchema(p.schema, ids).map((v) => `${p.name}=${inUrl(v)}`) },
          { weight: 1, arbitrary: rawUrlPiece.map((r) => `${p.name}=${r}`) },
        );
  const extraQuery =
    mode === 'fit'
      ? fc.constant(null)
      : fc.option(fc.tuple(hostileString, hostileString).map(([k, v]) => `${inUrl(k)}=${inUrl(v)}`));
  const queryArb = fc
    .tuple(...queryParams.map((p) => fc.option(queryValue(p))), extraQuery)
    .map((parts) => parts.filter((x): x is string => !!x).join('&'));
  const json = route.op.requestBody?.content['application/json']?.schema;
  const rawBodies = fc.oneof(
    deepJsonText,
    fc.constantFrom('', '{', 'null', '"\\u0000"', '{"a":"\\ud800"}', '1e999', '[]', 'x'.repeat(1_100_000)),
    hostileString,
  );
  const withBody = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method);
  const upload = fc
    .tuple(
      mode === 'fit' ? fc.string({ unit: 'binary', maxLength: 250 }) : hostileString,
      fc.constantFrom('.png', '.txt', ''),
      mode === 'fit' ? fc.constant('file') : fc.constantFrom('file', '\u0000'),
    )
    .map(([name, ext, field]) =>
      multipart(name + ext, field, ext === '.txt' ? Buffer.from('hello\u0000') : PNG),
    );
  const bodyArb: fc.Arbitrary<Attempt['body']> = json
    ? mode === 'fit'
      ? fromSchema(json, ids, 'fit').map((v) => ({
          contentType: 'application/json',
          data: JSON.stringify(v),
        }))
      : fc.oneof(
          {
            weight: 6,
            arbitrary: fromSchema(json, ids).map((v) => ({
              contentType: 'application/json',
              data: JSON.stringify(v) ?? 'null',
            })),
          },
          { weight: 1, arbitrary: rawBodies.map((data) => ({ contentType: 'application/json', data })) },
          { weight: 1, arbitrary: hostileString.map((data) => ({ contentType: 'text/plain', data })) },
        )
    : withBody
      ? mode === 'fit'
        ? fc.oneof(fc.constant(undefined), upload)
        : fc.oneof(
            { weight: 2, arbitrary: fc.constant(undefined) },
            { weight: 4, arbitrary: upload },
            { weight: 1, arbitrary: rawBodies.map((data) => ({ contentType: 'application/json', data })) },
          )
      : fc.constant(undefined);
  const headersArb = route.path.startsWith('/widget/')
    ? fc.record({
        [VISITOR_TOKEN_HEADER]: fc.oneof(
          fc.constant(visitorToken),
          fc.constantFrom('x', '', '%00', 'é'.repeat(300)),
        ),
      })
    : fc.constant({});
  return fc.record({
    mode: fc.constant(mode),
    asManager: fc.oneof(fc.constant(true), fc.boolean()),
    path: pathArb,
    query: queryArb,
    body: bodyArb,
    headers: headersArb,
  });
}

async function send(route: Route, a: Attempt): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { ...a.headers, origin: t.url };
  if (a.asManager) {
    headers.cookie = manager.cookie;
    if (route.method !== 'GET') headers[CSRF_HEADER] = manager.csrf;
  }
  if (a.body) headers['content-type'] = a.body.contentType;
  const url = `${t.url}${a.path}${a.query ? `?${a.query}` : ''}`;
  const res = await fetch(url, {
    method: route.method,
    headers,
    body: typeof a.body?.data === 'string' ? a.body.data : a.body?.data && new Uint8Array(a.body.data),
    redirect: 'manual',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}

/** With HOSTILE_STATS=1, how often each answer came (to see how deep the hostile values reach). */
const stats = new Map<string, Map<string | number, number>>();
function tally(what: string, outcome: string | number) {
  const m = stats.get(what) ?? new Map<string | number, number>();
  m.set(outcome, (m.get(outcome) ?? 0) + 1);
  stats.set(what, m);
}
afterAll(() => {
  if (!process.env.HOSTILE_STATS) return;
  for (const [what, m] of stats) console.log(what, JSON.stringify(Object.fromEntries(m)));
});

/** A value for a failure message: long strings and buffers abbreviated. */
function short(v: unknown): string {
  const text =
    typeof v === 'string'
      ? v
      : JSON.stringify(v, (_k, x: unknown) =>
          typeof x === 'string' && x.length > 120
            ? `${x.slice(0, 60)}…(${x.length})`
            : x instanceof Object && (x as { type?: string }).type === 'Buffer'
              ? `<buffer>`
              : x,
        );
  return text && text.length > 600 ? `${text.slice(0, 600)}…` : String(text);
}

function routesOf(doc: { paths: Record<string, Record<string, Operation>> }): Route[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}

// ------------------------------------------------------------------------------------------------ sockets

const frameSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** A frame: mostly shaped by the frame schemas with hostile fields; now and then not JSON or far too deep. */
const frameArb = (schema: JsonSchema): fc.Arbitrary<string | Buffer> =>
  fc.oneof(
    ...(['hostile', 'fit'] as const).map((mode) => ({
      weight: 6,
      arbitrary: fromSchema(schema, [chatId], mode).map((v) => JSON.stringify(v) ?? 'null'),
    })),
    { weight: 1, arbitrary: deepJsonText },
    { weight: 1, arbitrary: hostileString },
    { weight: 1, arbitrary: fc.constant(Buffer.from([0xed, 0xa0, 0x80, 0xff, 0x00])) },
  );

/** Sends the frames, then a frame that is answered only after every earlier one was handled. */
async function exchange<F extends VisitorServerFrame | AgentServerFrame>(
  ws: WsClient<F>,
  frames: (string | Buffer)[],
): Promise<void> {
  for (const f of frames) if (!ws.closed) ws.ws.send(f);
  const sentinel = cid();
  if (!ws.closed) ws.send({ type: 'read', chatId: sentinel, seq: 0 });
  await Promise.race([
    ws.next('error', (f) => (f as { chatId?: string }).chatId === sentinel, TIMEOUT_MS),
    ws.waitClose(TIMEOUT_MS),
  ]);
}

/** Error frames may say anything but `internal`; a closed socket must have been closed for a named reason. */
/** Nothing was logged as an error since the last look (a failure on our side no client was told about). */
function checkLogs() {
  const logged = errorLogs.splice(0);
  // Said in the error's first words: the REST test reports each failure shortened.
  if (logged.length > 0)
    throw new Error(`logged as errors: ${logged.map((l) => l.slice(0, 400)).join(' | ')}`);
}

function checkSocket<F extends VisitorServerFrame | AgentServerFrame>(
  kind: string,
  ws: WsClient<F>,
  sent: (string | Buffer)[],
) {
  for (const f of ws.frames) tally(kind, f.type === 'error' ? `error:${f.code}` : f.type);
  if (ws.closed) tally(kind, `closed:${ws.closed.code}`);
  const internal = ws.frames.filter((f) => f.type === 'error' && f.code === 'internal');
  expect(internal).toEqual([]);
  const named = [1000, 1001, 1009, 4000, 4008, 4029];
  // The server closes a socket that sent a frame over the limit with 1009 and drops the connection; a client
  // still writing that frame may be cut off (1006) before it reads the close frame.
  if (sent.some((f) => Buffer.byteLength(f) > SOCKET_MAX_PAYLOAD)) named.push(1006);
  if (ws.closed) expect(named).toContain(ws.closed.code);
  checkLogs();
}

describe('cobrowse frames (TLS-5): refused clearly, nothing relayed', () => {
  // The chat's campaign gets Cobrowsing (and keeps it: the hostile frames below then reach past the tool check).
  beforeAll(async () => {
    const { campaignId } = (await manager.get<{ campaignId: string }>(`/api/chats/${chatId}/tools`)).body;
    const path = `/api/campaigns/${campaignId}/tools`;
    const now = (await manager.get<CampaignToolSettings>(path)).body;
    const saved = await manager.request('PUT', path, { ...now, tools: { ...now.tools, cobrowsing: true } });
    expect(saved.status).toBe(200);
  });

  it('without opting in, garbage, oversize: error frames naming the chat; the agent watching gets nothing', async () => {
    const a = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: manager.cookie, origin: t.url },
    });
    await a.next('welcome');
    a.send({ type: 'cobrowse.watch', chatId, watch: true });
    const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${siteId}`), {
      headers: { origin },
    });
    try {
      v.send({ type: 'hello', token: visitorToken });
      await v.next('welcome');
      const answer = async (frame: unknown) => {
        const before = v.frames.length;
        v.send(frame);
        return v.next('error', (f) => v.frames.indexOf(f) >= before);
      };
      const batch = JSON.stringify([{ type: 4, data: { href: 'x' }, timestamp: 1 }]);
      // Not opted in: refused, whatever the frame says.
      expect(await answer({ type: 'cobrowse.events', chatId, data: batch })).toMatchObject({
        code: 'cobrowse_off',
        chatId,
      });
      expect(await answer({ type: 'cobrowse.events', chatId, data: batch, more: true })).toMatchObject({
        code: 'cobrowse_off',
      });
      expect(await answer({ type: 'cobrowse.stop', chatId })).toMatchObject({ code: 'cobrowse_off' });
      // Another visitor's (or no) chat: not found.
      expect(await answer({ type: 'cobrowse.start', chatId: cid() })).toMatchObject({ code: 'not_found' });
      v.send({ type: 'cobrowse.start', chatId });
      await v.next('cobrowse.state', (f) => f.sharing);
      const garbage: unknown[] = [
        { type: 'cobrowse.events', chatId, data: 'garbage' },
        { type: 'cobrowse.events', chatId, data: '[{"type":2,"timestamp":"soon"}]' },
        {
          type: 'cobrowse.events',
          chatId,
          data: JSON.stringify(new Array(10_001).fill({ type: 3, timestamp: 1 })).slice(0, 19_999),
        },
        { type: 'cobrowse.events', chatId, data: 'z'.repeat(20_001) },
        { type: 'cobrowse.events', chatId, data: '' },
        { type: 'cobrowse.events', chatId, data: 12 },
        { type: 'cobrowse.events', chatId, data: '\ud800' },
        { type: 'cobrowse.events', chatId: 'not-a-chat', data: batch },
      ];
      for (const g of garbage) expect(['bad_frame', 'cobrowse_off']).toContain((await answer(g)).code);
      // A frame over the socket's size limit closes the socket (1009), as for any frame.
      v.ws.send(JSON.stringify({ type: 'cobrowse.events', chatId, data: 'w'.repeat(70_000) }));
      expect([1009, 1006]).toContain((await v.waitClose()).code);
      // Nothing reached the agent but the news of the sharing.
      await new Promise((r) => setTimeout(r, 200));
      expect(a.frames.filter((f) => f.type === 'cobrowse.events')).toEqual([]);
      expect(a.frames.filter((f) => f.type === 'error' && f.code === 'internal')).toEqual([]);
      await a.next('cobrowse.state', (f) => f.chatId === chatId && !f.sharing && f.reason === 'left');
      checkLogs();
    } finally {
      v.close();
      a.close();
    }
  });
});

describe('hostile frames on every socket frame type', () => {
  it('visitor frames: bad_frame or another named error, never internal', async () => {
    const schema = frameSchema(VisitorClientFrame);
    const hello = fc.oneof(
      fc.constant(JSON.stringify({ type: 'hello', token: visitorToken })),
      frameArb(schema),
    );
    await fc.assert(
      fc.asyncProperty(
        hello,
        fc.array(frameArb(schema), { minLength: 1, maxLength: 6 }),
        async (h, frames) => {
          const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${siteId}`), {
            headers: { origin },
          });
          try {
            await exchange(v, [h, ...frames]);
            checkSocket('visitor', v, [h, ...frames]);
          } finally {
            v.close();
          }
        },
      ),
      { numRuns: SOCKET_RUNS, endOnFailure: true },
    );
  }, 240_000); // 40 sockets: well under a minute alone, much longer on 2 busy cores

  it('agent frames: bad_frame or another named error, never internal', async () => {
    const schema = frameSchema(AgentClientFrame);
    await fc.assert(
      fc.asyncProperty(fc.array(frameArb(schema), { minLength: 1, maxLength: 6 }), async (frames) => {
        const a = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
          headers: { cookie: manager.cookie, origin: t.url },
        });
        try {
          await a.next('welcome');
          await exchange(a, frames);
          checkSocket('agent', a, frames);
        } finally {
          a.close();
        }
      }),
      { numRuns: SOCKET_RUNS, endOnFailure: true },
    );
  }, 240_000);
});

describe('hostile input at every REST route', () => {
  it('answers 4xx in the error shape (never 5xx), signed in as a manager and anonymous', async () => {
    const doc = t.runtime.app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
    // Deletions last, so that the other routes meet the real objects first.
    const routes = routesOf(doc).sort(
      (x, y) => Number(x.method === 'DELETE') - Number(y.method === 'DELETE'),
    );
    expect(routes.length).toBeGreaterThan(30);
    const failures: string[] = [];
    let last: Attempt | undefined;
    for (const route of routes) {
      try {
        await fc.assert(
          fc.asyncProperty(attemptFor(route), async (a) => {
            last = a;
            const res = await send(route, a);
            tally(`${route.method} ${route.path}`, res.status);
            if (a.asManager && res.status === 401) {
              // A hostile request may have signed the manager out (logout): sign in again.
              manager = await TestClient.login(t.url, ADMIN.email, ADMIN.password);
            }
            expect(res.status, short(res.body)).toBeLessThan(500);
            if (res.status >= 400) {
              expect(res.body, `${res.status} ${short(res.body)}`).toMatchObject({
                error: { code: expect.any(String), message: expect.any(String) },
              });
            }
            checkLogs();
          }),
          { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
        );
      } catch (err) {
        const cause = (err as { cause?: Error }).cause?.message ?? (err as Error).message;
        failures.push(`${route.method} ${route.path}: ${cause.slice(0, 1000)} — after ${short(last)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 240_000); // ~15 s alone on PGlite; much longer beside the whole suite on 2 busy cores
});

describe('afterwards', () => {
  it('the process is alive and still serves', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
    // An agent to take the chat (INV-2: nobody available would refuse it for an offline message).
    const a = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: manager.cookie, origin: t.url },
    });
    await a.next('welcome');
    a.send({ type: 'presence.set', status: 'available' });
    await a.next('presence', (f) => f.status === 'available');
    const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${siteId}`), {
      headers: { origin },
    });
    v.send({ type: 'hello' });
    await v.next('welcome');
    const c = cid();
    v.send({ type: 'chat.start', cid: c, text: 'Still there?' });
    expect(await v.next('ack', (f) => f.cid === c)).toMatchObject({ seq: expect.any(Number) });
    v.close();
    a.close();
  });
});
