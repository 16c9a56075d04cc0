import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import {
  EXPORT_REPORTS,
  localDateOf,
  periodRange,
  type CreatedExportLink,
  type ExportLinkList,
  type VisitorServerFrame,
  type WebsiteList,
} from '@parley/protocol';
import { startTestApp, TestClient, type TestApp } from '../../../test/harness.js';
import { cid, WsClient, wsUrl } from '../../../test/ws-client.js';
import { createAccount } from '../../bootstrap.js';
import { generate, type Fx } from './exports.fixture.js';
import { csvStream } from './csv.js';
import { REPORTS } from './reports.js';

// Every export (EXP-1…8) on a generated week around the autumn clock change in Europe/Amsterdam (25 October 2026
// has 25 hours), compared with figures computed here in TypeScript from the generated rows — not by the reports'
// SQL. Then the CSV form, rights, other accounts, bad input and the token links (EXP-9).
const TZ = 'Europe/Amsterdam';
const FROM = '2026-10-22';
const TO = '2026-10-28';
// Local midnights written out by hand: CEST (+02:00) before the change, CET (+01:00) after.
const START = new Date('2026-10-22T00:00:00+02:00');
const END = new Date('2026-10-29T00:00:00+01:00');

let t: TestApp;
let fx: Fx;
let fxB: Fx;
let b: TestClient;
let agent: TestClient;

beforeAll(async () => {
  t = await startTestApp({ PUBLIC_URL: 'https://chat.example.com' });
  const db = t.runtime.database.db;
  const accountId = t.admin.me!.account.id;
  await db.updateTable('accounts').set({ time_zone: TZ }).where('id', '=', accountId).execute();
  const shared = 'shared-host.example';
  fx = await generate(db, {
    accountId,
    spanStart: new Date('2026-10-20T00:00:00Z'),
    spanEnd: new Date('2026-10-30T12:00:00Z'),
    chats: 160,
    seed: 1,
    otherHost: shared,
  });
  const other = await createAccount(db, {
    name: 'Other Co',
    host: 'b-only.example',
    timeZone: 'UTC',
    manager: { email: 'boss@other.example', password: 'other-password', firstName: 'O', lastName: 'Boss' },
  });
  fxB = await generate(db, {
    accountId: other.account.id,
    spanStart: new Date('2026-10-20T00:00:00Z'),
    spanEnd: new Date('2026-10-30T12:00:00Z'),
    chats: 20,
    seed: 2,
    otherHost: shared,
  });
  b = await TestClient.login(t.url, 'boss@other.example', 'other-password');
  const created = await t.admin.post('/api/users', {
    email: 'plain.agent@demo.example',
    password: 'long-enough-pw',
    firstName: 'Plain',
    lastName: 'Agent',
    rights: 'agent',
  });
  expect(created.status).toBe(201);
  agent = await TestClient.login(t.url, 'plain.agent@demo.example', 'long-enough-pw');
}, 120_000);
afterAll(() => t?.close());

// ------------------------------------------------------------------------------------------------ helpers

const localFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const local = (d: Date | null) => (d ? localFormat.format(d) : '');
const localDate = (d: Date) => local(d).slice(0, 10);
const inPeriod = (d: Date) => localDate(d) >= FROM && localDate(d) <= TO;
const secs = (ms: number) => Math.round(ms / 1000);
const overlap = (s: Date, e: Date | null, a: Date, z: Date) =>
  Math.max(0, Math.min((e ?? new Date()).getTime(), z.getTime()) - Math.max(s.getTime(), a.getTime()));
const round2 = (n: number) => Math.round(n * 100) / 100;
/** The CSV cell rule (docs/exports.md): text that starts like a formula gets a leading apostrophe. */
const cell = (v: string | number | boolean | null | undefined): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'string'
      ? /^[=+\-@\t\r]/.test(v)
        ? `'${v}`
        : v
      : String(v);
const row = (...vs: (string | number | boolean | null | undefined)[]) => vs.map(cell);
const byId = (rows: string[][]) => [...rows].sort((x, y) => (x[0]! < y[0]! ? -1 : x[0]! > y[0]! ? 1 : 0));
const nameOf = (fxx: Fx, id: string | null) => {
  const u = fxx.users.find((x) => x.id === id);
  return u ? `${u.first_name} ${u.last_name}` : null;
};

type Csv = { status: number; header: string[]; rows: string[][]; raw: string; headers: Headers };
async function download(client: TestClient | null, path: string): Promise<Csv> {
  const res = await fetch(t.url + path, { headers: client ? { cookie: client.cookie } : {} });
  const raw = await res.text();
  if (res.status !== 200) return { status: res.status, header: [], rows: [], raw, headers: res.headers };
  const [header, ...rows] = parse(raw, { bom: true }) as string[][];
  return { status: res.status, header: header!, rows, raw, headers: res.headers };
}
const exportOf = (report: string, client: TestClient = t.admin, from = FROM, to = TO) =>
  download(client, `/api/exports/${report}.csv?from=${from}&to=${to}`);

// ------------------------------------------------------------------------------------------------ reports

describe('EXP-4 Conversations: one row per chat started in the period, in the account time zone', () => {
  it('matches the generated chats, the clock change included', async () => {
    const csv = await exportOf('conversations');
    expect(csv.status).toBe(200);
    expect(csv.header.slice(0, 4)).toEqual(['chat_id', `start (${TZ})`, `end (${TZ})`, 'type']);
    const expected = fx.chats
      .filter((c) => inPeriod(c.started_at))
      .sort((x, y) => x.started_at.getTime() - y.started_at.getTime() || (x.id < y.id ? -1 : 1))
      .map((c) => {
        const asg = fx.assignments.filter((a) => a.chat_id === c.id);
        const ev = fx.events.filter((e) => e.chat_id === c.id && (e.type === 'text' || e.type === 'file'));
        const firstAssigned = asg.length ? Math.min(...asg.map((a) => a.assigned_at.getTime())) : null;
        const visitor = fx.visitors.find((v) => v.id === c.visitor_id)!;
        return row(
          c.id,
          local(c.started_at),
          local(c.closed_at),
          c.offline_message ? 'offline' : c.mode,
          c.status,
          c.proactive,
          fx.campaigns.find((x) => x.id === c.campaign_id)?.title,
          fx.websites.find((w) => w.id === c.website_id)?.host,
          c.start_url,
          c.agent_id,
          nameOf(fx, c.agent_id),
          new Set(asg.map((a) => a.user_id)).size,
          asg.filter((a) => a.reason === 'transferred' || a.reason === 'forwarded').length,
          firstAssigned === null ? null : secs(firstAssigned - c.started_at.getTime()),
          c.first_response_seconds,
          c.duration_seconds,
          ev.filter((e) => e.author === 'visitor').length,
          ev.filter((e) => e.author === 'agent').length,
          c.closed_by,
          c.rating,
          c.codes.length
            ? fx.codes
                .filter((k) => c.codes.includes(k.id))
                .sort((x, y) => x.position - y.position)
                .map((k) => k.name)
                .join('; ')
            : null,
          null, // GOL-3: goals (the fixture has none; goals/sales.int.test.ts checks them)
          null, // goal_value
          c.visitor_id,
          c.visitor_left_at !== null,
          fx.visits.find((v) => v.id === c.visit_id)?.page_views,
          visitor.visits,
          visitor.chats,
        );
      });
    expect(expected.length).toBeGreaterThan(50);
    // Chats from the night of the change (01:00–03:00 local, twice) are among them.
    expect(expected.some((r) => r[1]!.startsWith('2026-10-25 02:'))).toBe(true);
    expect(csv.rows).toEqual(expected);
    // The edges: nothing from the days before or after.
    expect(fx.chats.some((c) => !inPeriod(c.started_at))).toBe(true);
  });
});

describe('EXP-1 Agent Activity: availability periods overlapping the period', () => {
  it('matches the generated periods, clipped durations', async () => {
    const csv = await exportOf('agent-activity');
    expect(csv.header).toEqual([
      'account_id',
      'agent_id',
      'agent',
      'agent_deleted',
      'campaigns',
      'state',
      `start (${TZ})`,
      `end (${TZ})`,
      'duration_seconds',
    ]);
    const expected = fx.periods
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p.started_at < END && (p.ended_at === null || p.ended_at > START))
      .sort((x, y) => x.p.started_at.getTime() - y.p.started_at.getTime() || x.i - y.i)
      .map(({ p }) =>
        row(
          fx.accountId,
          p.user_id,
          nameOf(fx, p.user_id),
          fx.users.find((u) => u.id === p.user_id)!.deleted_at !== null,
          (fx.routed.get(p.user_id) ?? []).join('; '),
          p.status,
          local(p.started_at),
          local(p.ended_at),
          secs(overlap(p.started_at, p.ended_at, START, END)),
        ),
      );
    expect(csv.rows).toEqual(expected);
  });
});

describe('EXP-2 Agent Performance: one row per agent', () => {
  it('matches chats, durations, response times, states, breaks, ignored and abandoned chats, ratings', async () => {
    const csv = await exportOf('agent-performance');
    const observed = secs(END.getTime() - START.getTime());
    const expected = fx.users
      .map((u) => {
        const chats = fx.chats.filter((c) => c.agent_id === u.id && inPeriod(c.started_at));
        const closed = chats.filter((c) => c.duration_seconds !== null);
        const answered = chats.filter((c) => c.first_response_seconds !== null);
        const rated = chats.filter((c) => c.rating !== null);
        const avg = (xs: number[]) => (xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : null);
        const periods = fx.periods.filter(
          (p) => p.user_id === u.id && p.started_at < END && (p.ended_at === null || p.ended_at > START),
        );
        const state = (s: string) =>
          periods
            .filter((p) => p.status === s)
            .reduce((a, p) => a + secs(overlap(p.started_at, p.ended_at, START, END)), 0);
        const asg = fx.assignments.filter(
          (a) => a.user_id === u.id && a.assigned_at >= START && a.assigned_at < END,
        );
        const closedAt = (a: (typeof asg)[number]) => fx.chats.find((c) => c.id === a.chat_id)!.closed_at;
        const ignored = asg.filter(
          (a) => !a.answered && a.ended_at && (closedAt(a) === null || a.ended_at < closedAt(a)!),
        ).length;
        const abandoned = asg.filter(
          (a) => !a.answered && a.ended_at && closedAt(a) !== null && a.ended_at >= closedAt(a)!,
        ).length;
        const online = state('available');
        const away = state('away');
        const avgDuration = avg(closed.map((c) => c.duration_seconds!));
        const avgResponse = avg(answered.map((c) => c.first_response_seconds!));
        const avgRating = avg(rated.map((c) => c.rating!));
        return {
          active: u.deleted_at === null || chats.length > 0 || ignored + abandoned > 0 || online > 0,
          row: row(
            u.id,
            `${u.first_name} ${u.last_name}`,
            u.email,
            u.deleted_at !== null,
            chats.length,
            closed.length,
            closed.reduce((a, c) => a + c.duration_seconds!, 0),
            avgDuration === null ? null : Math.round(avgDuration),
            answered.length,
            avgResponse === null ? null : Math.round(avgResponse),
            online,
            away,
            Math.max(0, observed - online - away),
            periods.filter((p) => p.status === 'away' && p.started_at >= START).length,
            ignored,
            abandoned,
            rated.length,
            avgRating === null ? null : round2(avgRating),
          ),
        };
      })
      .filter((x) => x.active)
      .map((x) => x.row);
    expect(expected.some((r) => Number(r[14]) > 0)).toBe(true); // some ignored chats
    // The agent the tests add through the API has no activity: all zero, offline all week.
    const plain = csv.rows.find((r) => r[2] === 'plain.agent@demo.example')!;
    expect(plain.slice(4)).toEqual(row(0, 0, 0, null, 0, null, 0, 0, observed, 0, 0, 0, 0, null));
    expect(byId(csv.rows.filter((r) => r !== plain))).toEqual(byId(expected));
  });
});

describe('EXP-3 Agents: every user of the account, deleted ones included and marked', () => {
  it('lists them with their account id', async () => {
    const csv = await exportOf('agents');
    expect(csv.header).toContain(`deleted_at (${TZ})`);
    const expected = fx.users.map((u) =>
      row(
        u.id,
        u.nickname,
        u.first_name,
        u.last_name,
        u.email,
        u.rights,
        fx.accountId,
        local(u.created_at),
        u.deleted_at !== null,
        local(u.deleted_at),
      ),
    );
    const plain = csv.rows.find((r) => r[4] === 'plain.agent@demo.example');
    expect(plain).toBeDefined();
    expect(byId(csv.rows.filter((r) => r !== plain))).toEqual(byId(expected));
    expect(csv.rows.find((r) => r[3] === 'Agent' && r[2] === 'Deleted')![8]).toBe('true');
  });
});

describe('EXP-5 Automatic Invites: every invite event of the period', () => {
  it('matches the generated events', async () => {
    const csv = await exportOf('automatic-invites');
    const expected = fx.invites
      .map((iv, i) => ({ iv, i }))
      .filter(({ iv }) => inPeriod(iv.at))
      .sort((x, y) => x.iv.at.getTime() - y.iv.at.getTime() || x.i - y.i)
      .map(({ iv }) => {
        const visit = fx.visits.find((v) => v.id === iv.visit_id);
        return row(
          local(iv.at),
          iv.event,
          fx.campaigns.find((c) => c.id === iv.campaign_id)?.title,
          null,
          fx.websites.find((w) => w.id === (iv.website_id ?? visit?.website_id))?.host,
          iv.url,
          iv.visitor_id,
          iv.visit_id,
          nameOf(fx, iv.user_id),
        );
      });
    expect(expected.map((r) => r[1])).toContain('not_shown_unavailable');
    // Hand invites (INV-6) name their agent; automatic greetings have none.
    expect(expected.some((r) => r[8])).toBe(true);
    expect(expected.some((r) => !r[8])).toBe(true);
    // Events without a visit have their website's host (only those recorded before migration 016 have none).
    const noVisit = fx.invites.filter((iv) => inPeriod(iv.at) && !iv.visit_id);
    expect(noVisit.some((iv) => iv.website_id)).toBe(true);
    expect(noVisit.some((iv) => !iv.website_id)).toBe(true);
    expect(csv.rows.map((r) => r.slice(1))).toEqual(expected);
  });
});

describe('EXP-6 Hosts: the websites, and whether another account has the same host', () => {
  it('says yes for a shared host without naming the other account', async () => {
    const csv = await exportOf('hosts');
    const expected = fx.websites.map((w) =>
      row(
        w.id,
        w.host,
        local(w.created_at),
        fx.campaigns
          .filter((c) => c.all_websites || c.websiteIds.includes(w.id))
          .map((c) => c.title)
          .sort()
          .join('; ') || null,
        w.host === 'shared-host.example',
      ),
    );
    expect(byId(csv.rows)).toEqual(byId(expected));
    expect(csv.raw).not.toContain(fxB.accountId);
    expect(csv.raw).not.toContain('Other Co');
  });
});

describe('EXP-7 Traffic: per day and host', () => {
  it('matches visits, visitors, page views, chats viewed, chats and invites per local day', async () => {
    const csv = await exportOf('traffic');
    const key = (day: string, site: string | null) => `${day}|${site ?? ''}`;
    const acc = new Map<
      string,
      {
        visits: number;
        visitors: Set<string>;
        pv: number;
        viewed: number;
        chats: number;
        pro: number;
        inv: Record<string, number>;
      }
    >();
    const get = (day: string, site: string | null) => {
      const k = key(day, site);
      let a = acc.get(k);
      if (!a)
        acc.set(k, (a = { visits: 0, visitors: new Set(), pv: 0, viewed: 0, chats: 0, pro: 0, inv: {} }));
      return a;
    };
    for (const v of fx.visits.filter((v) => inPeriod(v.started_at))) {
      const a = get(localDate(v.started_at), v.website_id);
      a.visits++;
      a.visitors.add(v.visitor_id);
    }
    for (const p of fx.pageViews.filter((p) => inPeriod(p.viewed_at)))
      get(localDate(p.viewed_at), fx.visits.find((v) => v.id === p.visit_id)!.website_id).pv++;
    // A visit counts once, on the day the window was first opened, however often it was opened.
    for (const c of fx.chatViews.filter((c) => inPeriod(c.viewed_at)))
      get(localDate(c.viewed_at), fx.visits.find((v) => v.id === c.visit_id)!.website_id).viewed++;
    for (const c of fx.chats.filter((c) => inPeriod(c.started_at))) {
      const a = get(localDate(c.started_at), c.website_id);
      a.chats++;
      if (c.proactive) a.pro++;
    }
    for (const iv of fx.invites.filter((iv) => inPeriod(iv.at))) {
      const site = iv.website_id ?? fx.visits.find((v) => v.id === iv.visit_id)?.website_id ?? null;
      const a = get(localDate(iv.at), site);
      a.inv[iv.event] = (a.inv[iv.event] ?? 0) + 1;
    }
    const expected = [...acc].map(([k, a]) => {
      const [day, site] = k.split('|');
      return row(
        day,
        fx.websites.find((w) => w.id === site)?.host,
        a.visits,
        a.visitors.size,
        a.pv,
        a.viewed,
        a.chats,
        a.pro,
        a.inv.shown ?? 0,
        a.inv.accepted ?? 0,
        a.inv.declined ?? 0,
        a.inv.not_shown_unavailable ?? 0,
      );
    });
    const sort = (rows: string[][]) =>
      [...rows].sort((x, y) => (`${x[0]}|${x[1]}` < `${y[0]}|${y[1]}` ? -1 : 1));
    expect(csv.header[0]).toBe(`date (${TZ})`);
    expect(sort(csv.rows)).toEqual(sort(expected));
  });
});

describe('EXP-7 chats viewed: the widget says when the visitor opens the chat window', () => {
  it('counts each visit whose window was opened once (however often), on the day and host of the visit', async () => {
    const site = (await t.admin.get<WebsiteList>('/api/websites')).body.items[0]!;
    const today = localDateOf(new Date(), TZ);
    const trafficToday = async () => {
      const csv = await exportOf('traffic', t.admin, today, today);
      const col = csv.header.indexOf('chats_viewed');
      expect(col, 'the chats_viewed column').toBeGreaterThan(0);
      const line = csv.rows.find((r) => r[1] === site.host);
      return { viewed: Number(line?.[col] ?? 0), chats: Number(line?.[col + 1] ?? 0) };
    };
    const before = await trafficToday();
    /** A visitor on a page of the site who opens the window `opens` times; answered once all were handled. */
    const visit = async (opens: number, page = true) => {
      const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${site.id}`), {
        headers: { origin: `http://${site.host}` },
      });
      v.send({
        type: 'hello',
        ...(page ? { page: { url: `http://${site.host}/shop`, title: 'Shop' } } : {}),
      });
      await v.next('welcome');
      for (let i = 0; i < opens; i++) v.send({ type: 'window.opened' });
      // Frames are handled in order: the answer to this one comes after the window.opened frames were.
      const sentinel = cid();
      v.send({ type: 'read', chatId: sentinel, seq: 0 });
      await v.next('error', (f) => f.chatId === sentinel);
      v.close();
    };
    await visit(2);
    await visit(1);
    await visit(0);
    await visit(1, false); // before any page view there is no visit to count it for
    const after = await trafficToday();
    expect(after.viewed - before.viewed).toBe(2);
    expect(after.chats).toBe(before.chats);
  });
});

describe('EXP-8 Slots: per hour of each day, incoming chats against the agents’ capacity and load', () => {
  it('has 7 × 24 + 1 hours (25 on the fall-back day) and matches the generated data', async () => {
    const csv = await exportOf('slots');
    expect(csv.rows).toHaveLength(7 * 24 + 1);
    expect(csv.rows.filter((r) => r[0] === '2026-10-25')).toHaveLength(25);
    const expected: string[][] = [];
    for (let h = START.getTime(); h < END.getTime(); h += 3_600_000) {
      const a = new Date(h);
      const z = new Date(h + 3_600_000);
      const wall = Date.parse(`${local(a).replace(' ', 'T')}Z`);
      const off = (wall - h) / 60_000;
      const chats = fx.chats.filter((c) => c.started_at >= a && c.started_at < z);
      const av = fx.periods.filter(
        (p) => p.status === 'available' && overlap(p.started_at, p.ended_at, a, z) > 0,
      );
      const available = av.reduce((s, p) => s + overlap(p.started_at, p.ended_at, a, z) / 1000, 0);
      const capacity =
        av.reduce(
          (s, p) =>
            s +
            (overlap(p.started_at, p.ended_at, a, z) / 1000) *
              fx.users.find((u) => u.id === p.user_id)!.live_chat_limit!,
          0,
        ) / 3600;
      const load =
        fx.assignments.reduce((s, x) => s + overlap(x.assigned_at, x.ended_at, a, z) / 1000, 0) / 3600;
      expected.push(
        row(
          localDate(a),
          local(a).slice(0, 16),
          `UTC+${String(off / 60).padStart(2, '0')}:00`,
          chats.length,
          chats.filter((c) => c.first_response_at !== null).length,
          new Set(av.map((p) => p.user_id)).size,
          Math.round(available),
          round2(capacity),
          round2(load),
          capacity ? Math.round((load / capacity) * 100) : null,
        ),
      );
    }
    expect(csv.rows).toEqual(expected);
    const twos = csv.rows.filter((r) => r[1] === '2026-10-25 02:00');
    expect(twos.map((r) => r[2])).toEqual(['UTC+02:00', 'UTC+01:00']);
  });
});

// ------------------------------------------------------------------------------------------------ the file

describe('the CSV file', () => {
  it('is UTF-8 with a BOM, CRLF, a file name with report and period, and survives hostile names', async () => {
    const res = await fetch(`${t.url}/api/exports/agents.csv?from=${FROM}&to=${TO}`, {
      headers: { cookie: t.admin.cookie },
    });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="agents_${FROM}_${TO}.csv"`);
    const buf = Buffer.from(await res.arrayBuffer());
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8');
    expect(text).toContain('\r\n');
    const rows = parse(text, { bom: true }) as string[][];
    const names = rows.map((r) => r[2]);
    expect(names).toContain('Zoë');
    expect(names).toContain(`'=HYPERLINK("http://evil.example","x")`);
    expect(names).toContain('Ann "Quote"');
    expect(rows.map((r) => r[3])).toContain('Line\nBreak, Jr');
    expect(rows.map((r) => r[1])).toContain("'@nick");
  });
});

describe('batches', () => {
  it('every report reads the same rows in batches of 1 and 7 as in its usual batches (keyset pagination)', async () => {
    const db = t.runtime.database.db;
    // A month around the week, so batches cross days, the clock change and rows that start at the same instant.
    const period = { from: '2026-10-01', to: '2026-11-30' };
    const scope = { accountId: fx.accountId, timeZone: TZ, ...period, ...periodRange(period, TZ), now: END };
    const text = async (report: (typeof EXPORT_REPORTS)[number], batchSize?: number) => {
      const spec = REPORTS[report];
      const chunks: Buffer[] = [];
      for await (const c of csvStream(spec.header(TZ), spec.rows(db, scope, batchSize)))
        chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    };
    for (const report of EXPORT_REPORTS) {
      const whole = await text(report);
      expect(whole.split('\r\n').length, report).toBeGreaterThan(2);
      expect(await text(report, 1), report).toBe(whole);
      expect(await text(report, 7), report).toBe(whole);
    }
  });
});

describe('rights, accounts and bad input', () => {
  it('only managers export; an agent gets 403', async () => {
    expect((await exportOf('conversations', agent)).status).toBe(403);
    expect((await download(null, `/api/exports/agents.csv?from=${FROM}&to=${TO}`)).status).toBe(401);
  });

  it('another account sees only its own rows', async () => {
    const mine = await exportOf('conversations', b);
    const ids = new Set(mine.rows.map((r) => r[0]));
    expect(mine.rows.length).toBeGreaterThan(0);
    for (const c of fx.chats) expect(ids.has(c.id)).toBe(false);
    for (const id of ids) expect(fxB.chats.some((c) => c.id === id)).toBe(true);
    // B's account is in UTC: its headers say so.
    expect(mine.header[1]).toBe('start (UTC)');
    const agentsB = await exportOf('agents', b);
    expect(agentsB.rows.every((r) => r[6] === fxB.accountId)).toBe(true);
  });

  it.each([
    ['/api/exports/agents.csv?to=2026-10-28', 'from'],
    ['/api/exports/agents.csv?from=2026-10-28', 'to'],
    ['/api/exports/agents.csv?from=2026-02-30&to=2026-03-01', 'from'],
    ['/api/exports/agents.csv?from=28-10-2026&to=2026-10-28', 'from'],
    ['/api/exports/agents.csv?from=2026-10-28&to=2026-10-01', 'to'],
    ['/api/exports/agents.csv?from=2020-01-01&to=2026-10-01', 'to'],
    ['/api/exports/nothing.csv?from=2026-10-01&to=2026-10-02', 'file'],
    ['/api/exports/agents.xlsx?from=2026-10-01&to=2026-10-02', 'file'],
  ])('%s → 400 naming %s', async (path, field) => {
    const res = await t.admin.get<{ error: { fields: Record<string, string> } }>(path);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty([field]);
  });
});

// ------------------------------------------------------------------------------------------------ EXP-9

describe('EXP-9 token links', () => {
  let link: CreatedExportLink;
  let token: string;
  const tokenOf = (url: string) => /\/exports\/t\/([^/]+)\//.exec(url)![1]!;

  it('creates a link whose URL (with the token) is shown once; the list never shows the token', async () => {
    const res = await t.admin.post<CreatedExportLink>('/api/exports/conversations/links');
    expect(res.status).toBe(201);
    link = res.body;
    expect(link.url).toMatch(
      /^https:\/\/chat\.example\.com\/exports\/t\/[A-Za-z0-9_-]{43}\/conversations\.csv$/,
    );
    token = tokenOf(link.url);
    const list = await t.admin.get<ExportLinkList>('/api/exports/links');
    expect(list.body.items).toEqual([
      { id: link.id, report: 'conversations', createdAt: expect.any(String), lastUsedAt: null },
    ]);
    expect(JSON.stringify(list.body)).not.toContain(token);
    // Stored hashed.
    const stored = await t.runtime.database.db.selectFrom('export_links').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('downloads that report of that account without signing in, by dates or a rolling window, and records the use', async () => {
    const path = `/exports/t/${token}/conversations.csv`;
    const byDates = await download(null, `${path}?from=${FROM}&to=${TO}`);
    expect(byDates.status).toBe(200);
    expect(byDates.rows).toEqual((await exportOf('conversations')).rows);
    const rolling = await download(null, `${path}?days=7`);
    expect(rolling.status).toBe(200);
    expect(rolling.header[1]).toBe(`start (${TZ})`);
    const list = await t.admin.get<ExportLinkList>('/api/exports/links');
    expect(list.body.items[0]!.lastUsedAt).not.toBeNull();
  });

  it('answers the same 404 to a wrong, tampered, another report’s, another account’s or revoked token', async () => {
    const q = `?from=${FROM}&to=${TO}`;
    const flip = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    const bLink = (await b.post<CreatedExportLink>('/api/exports/agents/links')).body;
    const bToken = tokenOf(bLink.url);
    const agentsLink = (await t.admin.post<CreatedExportLink>('/api/exports/agents/links')).body;
    const attempts = [
      `/exports/t/${'x'.repeat(43)}/conversations.csv${q}`,
      `/exports/t/${flip}/conversations.csv${q}`,
      `/exports/t/${token}/agents.csv${q}`,
      `/exports/t/${token}/conversations${q}`,
      `/exports/t/${bToken}/conversations.csv${q}`,
      `/exports/t/${tokenOf(agentsLink.url)}/conversations.csv${q}`,
    ];
    const answers = await Promise.all(
      attempts.map((p) => fetch(t.url + p).then(async (r) => [r.status, await r.text()])),
    );
    for (const a of answers)
      expect(a).toEqual([
        404,
        JSON.stringify({ error: { code: 'not_found', message: 'Export link not found' } }),
      ]);
    // Another account's token opens only that account's report.
    const bAgents = await download(null, `/exports/t/${bToken}/agents.csv${q}`);
    expect(bAgents.status).toBe(200);
    expect(bAgents.rows.every((r) => r[6] === fxB.accountId)).toBe(true);
    // A cannot see or revoke B's link.
    expect(
      (await t.admin.get<ExportLinkList>('/api/exports/links')).body.items.map((l) => l.id),
    ).not.toContain(bLink.id);
    expect((await t.admin.delete(`/api/exports/links/${bLink.id}`)).status).toBe(404);
    expect((await download(null, `/exports/t/${bToken}/agents.csv${q}`)).status).toBe(200);
    // Revoked.
    expect((await t.admin.delete(`/api/exports/links/${link.id}`)).status).toBe(204);
    const revoked = await fetch(`${t.url}/exports/t/${token}/conversations.csv${q}`);
    expect([revoked.status, await revoked.text()]).toEqual(answers[0]);
    expect((await t.admin.delete(`/api/exports/links/${link.id}`)).status).toBe(404);
  });

  it('refuses a bad period with 400 naming the field, and agents cannot make links', async () => {
    const p = `/exports/t/${'y'.repeat(43)}/agents.csv`;
    for (const [q, field] of [
      ['', 'from'],
      ['?days=0', 'days'],
      ['?days=800', 'days'],
      ['?days=x', 'days'],
      ['?days=3&from=2026-10-01&to=2026-10-02', 'days'],
      ['?from=2026-10-02&to=2026-10-01', 'to'],
      ['?from=2026-10-02', 'to'],
    ] as const) {
      const res = await fetch(t.url + p + q);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { fields: object } }).error.fields).toHaveProperty([field]);
    }
    expect((await agent.post('/api/exports/agents/links')).status).toBe(403);
    expect((await agent.get('/api/exports/links')).status).toBe(403);
    expect((await t.admin.post('/api/exports/nothing/links')).status).toBe(400);
  });
});

describe('EXP-9 the public route is rate-limited per address', () => {
  it('answers 429 beyond the limit, whatever the token', async () => {
    const limited = await startTestApp({ EXPORT_LINK_DOWNLOADS_PER_IP_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await fetch(`${limited.url}/exports/t/wrong-${i}/agents.csv?days=1`)).status);
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
