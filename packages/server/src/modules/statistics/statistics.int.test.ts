import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatFilter, Statistics } from '@parley/protocol';
import { startTestApp, TestClient, type TestApp } from '../../../test/harness.js';
import { createAccount } from '../../bootstrap.js';
import { hashPassword } from '../identity/index.js';
import {
  generateDays,
  generateSetup,
  type SeedDay,
  type SeedOptions,
  type SeedSetup,
} from '../../seed/generate.js';
import { loadSeed } from '../../seed/load.js';
import type { Actor } from '../identity/index.js';
import { accountStatistics, statisticsPath, type StatisticsPath } from './service.js';

// STA-1…9 on generated data; the expected figures are computed here, in TypeScript, from the generated rows —
// local dates and hours by Intl, not by the SQL under test. Two daylight-saving weeks in Europe/Amsterdam:
// 2026-03-29 has 23 hours (02:00 never happens), 2026-10-25 has 25 (02:00–03:00 happens twice).
const TZ = 'Europe/Amsterdam';
const PASSWORD = 'sample-password-1';

type Data = { opts: SeedOptions; setup: SeedSetup; days: SeedDay[] };
let app: TestApp;
let spring: Data;
let autumn: Data;
let bossB: TestClient;
let accountA: string;
let accountB: string;

const local = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
});
function localParts(t: Date): { date: string; hour: number } {
  const p = Object.fromEntries(local.formatToParts(t).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) };
}
const pct = (part: number, whole: number) => (whole ? Math.round((part * 1000) / whole) / 10 : null);

/** The statistics of the generated rows, computed without SQL. */
function expected(data: Data, f: ChatFilter): Statistics {
  const flat = <K extends keyof Omit<SeedDay, 'date'>>(k: K) =>
    data.days.flatMap((d) => d[k] as unknown[]) as SeedDay[K];
  const codes = flat('chatSuccessCodes');
  const assignments = flat('assignments');
  const chats = flat('chats').filter((c) => {
    const day = localParts(c.started_at).date;
    if (day < f.from || day > f.to) return false;
    if (
      f.agentId &&
      c.agent_id !== f.agentId &&
      !assignments.some((a) => a.chat_id === c.id && a.user_id === f.agentId)
    )
      return false;
    if (f.campaignId && c.campaign_id !== f.campaignId) return false;
    if (f.status && c.status !== f.status) return false;
    if (f.type === 'offline' && !c.offline_message) return false;
    if (f.type === 'nrt' && (c.mode !== 'nrt' || c.offline_message)) return false;
    if (f.type === 'live' && c.mode !== 'live') return false;
    if (f.successCodeId && !codes.some((s) => s.chat_id === c.id && s.code_id === f.successCodeId))
      return false;
    if (f.participants) {
      const n = new Set(assignments.filter((a) => a.chat_id === c.id && a.answered).map((a) => a.user_id))
        .size;
      if (f.participants === 'visitor_only' && n !== 0) return false;
      if (f.participants === 'one_agent' && n !== 1) return false;
      if (f.participants === 'several_agents' && n < 2) return false;
    }
    return true;
  });
  const total = chats.length;
  const perDay: Statistics['perDay'] = [];
  for (
    let d = new Date(`${f.from}T12:00:00Z`);
    d.toISOString().slice(0, 10) <= f.to;
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    const date = d.toISOString().slice(0, 10);
    perDay.push({ date, chats: chats.filter((c) => localParts(c.started_at).date === date).length });
  }
  const perHour = Array.from({ length: 24 }, (_, hour) => ({
    hour,
    chats: chats.filter((c) => localParts(c.started_at).hour === hour).length,
  }));
  const agentCounts = new Map<string, number>();
  for (const c of chats) if (c.agent_id) agentCounts.set(c.agent_id, (agentCounts.get(c.agent_id) ?? 0) + 1);
  const perAgent = [...agentCounts]
    .map(([id, n]) => {
      const u = data.setup.users.find((x) => x.id === id)!;
      return { agentId: id, name: u.nickname, deleted: false, chats: n, percent: pct(n, total) };
    })
    .sort((a, b) => b.chats - a.chats || a.name.localeCompare(b.name) || a.agentId.localeCompare(b.agentId));
  const rated = chats.filter((c) => c.rating !== null);
  const ratings = [1, 2, 3, 4, 5].map((rating) => {
    const n = rated.filter((c) => c.rating === rating).length;
    return { rating, chats: n, percent: pct(n, rated.length) };
  });
  const notOffline = chats.filter((c) => !c.offline_message);
  const proactive = notOffline.filter((c) => c.proactive).length;
  const closed = notOffline.filter((c) => c.status === 'closed');
  // First response time: from the chat's first assignment (the earliest assignment row, not chats.assigned_at,
  // which a transfer moves) to the first agent message.
  const firstAssigned = new Map<string, number>();
  for (const a of assignments) {
    const t = a.assigned_at.getTime();
    if (t < (firstAssigned.get(a.chat_id) ?? Infinity)) firstAssigned.set(a.chat_id, t);
  }
  const answered = notOffline.filter((c) => c.first_response_at && firstAssigned.has(c.id));
  const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const ids = new Set(chats.map((c) => c.id));
  const used = codes.filter((s) => ids.has(s.chat_id));
  const codeRows = data.setup.successCodes
    .map((k) => {
      const n = used.filter((s) => s.code_id === k.id).length;
      const campaignTitle = data.setup.campaigns.find((c) => c.id === k.campaign_id)!.title;
      return { codeId: k.id, name: k.name, campaignTitle, chats: n, percent: pct(n, total) };
    })
    .filter((k) => k.chats > 0)
    .sort((a, b) => b.chats - a.chats || a.name.localeCompare(b.name) || a.codeId.localeCompare(b.codeId));
  const coded = new Set(used.map((s) => s.chat_id)).size;
  return {
    period: { from: f.from, to: f.to, timeZone: TZ },
    total,
    perDay,
    perHour,
    perAgent,
    unassigned: chats.filter((c) => !c.agent_id).length,
    // GOL-3: the seeded data has no goals (sales.int.test.ts checks the figure with goals).
    goals: {
      goalChats: 0,
      conversionPercent: pct(0, total),
      reached: 0,
      revenue: '0',
      perGoal: [],
      perAgent: [],
    },
    satisfaction: {
      rated: rated.length,
      ratedPercent: pct(rated.length, total),
      average: rated.length
        ? Math.round((rated.reduce((n, c) => n + c.rating!, 0) / rated.length) * 100) / 100
        : null,
      ratings,
    },
    proactive: {
      proactive,
      reactive: notOffline.length - proactive,
      proactivePercent: pct(proactive, notOffline.length),
      reactivePercent: pct(notOffline.length - proactive, notOffline.length),
    },
    averageDuration: {
      chats: closed.length,
      seconds: avg(closed.map((c) => (c.closed_at!.getTime() - c.started_at.getTime()) / 1000)),
    },
    averageFirstResponse: {
      chats: answered.length,
      seconds: avg(answered.map((c) => (c.first_response_at!.getTime() - firstAssigned.get(c.id)!) / 1000)),
    },
    successCodes: { codedChats: coded, codedPercent: pct(coded, total), codes: codeRows },
  };
}

/** Compares with the averages to the millisecond (sums of doubles may differ in the last bits). */
function expectStatistics(actual: Statistics, wanted: Statistics) {
  const strip = (s: Statistics) => ({
    ...s,
    averageDuration: { ...s.averageDuration, seconds: null },
    averageFirstResponse: { ...s.averageFirstResponse, seconds: null },
  });
  expect(strip(actual)).toEqual(strip(wanted));
  for (const k of ['averageDuration', 'averageFirstResponse'] as const) {
    if (wanted[k].seconds === null) expect(actual[k].seconds).toBeNull();
    else expect(actual[k].seconds).toBeCloseTo(wanted[k].seconds, 3);
  }
}

/**
 * The statistics of `f` through the API (the path it picks), and straight from the service through each path that
 * can answer `f` (the raw scan always; the rollups when the filters are only period, campaign, type, status): every
 * answer must equal the expectation computed from the rows.
 */
async function checkAll(client: TestClient, accountId: string, f: ChatFilter, wanted: Statistics) {
  const res = await client.get<Statistics>(query(f));
  expect(res.status, JSON.stringify(f)).toBe(200);
  expectStatistics(res.body, wanted);
  const actor = { accountId } as Actor;
  const paths: StatisticsPath[] = statisticsPath(f) === 'rollup' ? ['raw', 'rollup'] : ['raw'];
  for (const path of paths) expectStatistics(await accountStatistics(db(), actor, f, path), wanted);
  return res.body;
}
const db = () => app.runtime.database.db;

const query = (f: Partial<ChatFilter>) =>
  '/api/statistics?' + new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]);

async function seed(accountId: string, lastDate: string, days: number, chats: number, seedName: string) {
  const opts: SeedOptions = {
    accountId,
    timeZone: TZ,
    chats,
    days,
    lastDate,
    now: new Date(`${lastDate}T21:00:00Z`),
    seed: seedName,
    passwordHash: await hashPassword(PASSWORD),
  };
  await loadSeed(app.runtime.database.db, opts, undefined, app.runtime.database.kind);
  const setup = generateSetup(opts);
  return { opts, setup, days: [...generateDays(opts, setup)] };
}

beforeAll(async () => {
  app = await startTestApp();
  const db = app.runtime.database.db;
  accountA = app.admin.me!.account.id;
  await sql`update accounts set time_zone = ${TZ} where id = ${accountA}`.execute(db);
  spring = await seed(accountA, '2026-03-31', 10, 700, 'spring');
  const b = await createAccount(db, {
    name: 'Other',
    host: 'www.other.example',
    timeZone: TZ,
    manager: { email: 'boss@other.example', password: 'boss-password-1', firstName: 'O', lastName: 'B' },
  });
  accountB = b.account.id;
  autumn = await seed(b.account.id, '2026-10-28', 7, 600, 'autumn');
  bossB = await TestClient.login(app.url, 'boss@other.example', 'boss-password-1');
});
afterAll(() => app?.close());

describe('GET /api/statistics', () => {
  it('gives the nine figures of a period as computed from the rows', async () => {
    const f = { from: '2026-03-22', to: '2026-03-31' };
    const body = await checkAll(app.admin, accountA, f, expected(spring, f));
    expect(body.total).toBe(700);
    expect(body.perDay).toHaveLength(10);
    expect(body.averageFirstResponse.chats).toBeGreaterThan(0);
  });

  it('counts a 23-hour day right: no chats at 02:00, every chat of the day in its hours', async () => {
    const f = { from: '2026-03-29', to: '2026-03-29' };
    const body = await checkAll(app.admin, accountA, f, expected(spring, f));
    expect(body.perHour[2]!.chats).toBe(0);
    expect(body.total).toBeGreaterThan(0);
  });

  it('counts a 25-hour day right (02:00–03:00 happens twice): its chats and local hours as Intl counts them', async () => {
    const f = { from: '2026-10-25', to: '2026-10-25' };
    await checkAll(bossB, accountB, f, expected(autumn, f));
    // The week around it, and zeros for days without chats (the data ends on the 28th).
    const week = { from: '2026-10-22', to: '2026-10-31' };
    const w = await checkAll(bossB, accountB, week, expected(autumn, week));
    expect(w.perDay.at(-1)).toEqual({ date: '2026-10-31', chats: 0 });
  });

  it('applies every filter like the chat list does', async () => {
    const base = { from: '2026-03-22', to: '2026-03-31' };
    const agent = spring.setup.agents[0]!.id;
    const campaign = spring.setup.campaigns[1]!.id;
    const code = spring.days.flatMap((d) => d.chatSuccessCodes)[0]!.code_id;
    const filters: Partial<ChatFilter>[] = [
      { agentId: agent },
      { campaignId: campaign },
      { successCodeId: code },
      { type: 'offline' },
      { type: 'nrt' },
      { type: 'live' },
      { status: 'closed' },
      { status: 'active' },
      { status: 'queued' },
      { campaignId: campaign, type: 'offline' },
      { participants: 'visitor_only' },
      { participants: 'one_agent' },
      { participants: 'several_agents' },
      { campaignId: campaign, type: 'live', status: 'closed' },
    ];
    for (const extra of filters) {
      const f = { ...base, ...extra } as ChatFilter;
      await checkAll(app.admin, accountA, f, expected(spring, f));
    }
    const some = await app.admin.get<Statistics>(query({ ...base, participants: 'several_agents' }));
    expect(some.body.total).toBeGreaterThan(0);
  });

  it('never shows another account’s chats: its ids match nothing', async () => {
    const f = { from: '2026-10-22', to: '2026-10-28' };
    const mine = await bossB.get<Statistics>(query(f));
    expect(mine.body.total).toBe(600);
    for (const extra of [
      { campaignId: spring.setup.campaigns[0]!.id },
      { agentId: spring.setup.agents[0]!.id },
      { successCodeId: spring.setup.successCodes[0]!.id },
    ]) {
      const res = await bossB.get<Statistics>(query({ ...f, ...extra }));
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(0);
      expect(res.body.perAgent).toEqual([]);
      expect(res.body.successCodes.codes).toEqual([]);
    }
    // A's manager over B's period sees only A (nothing then).
    const a = await app.admin.get<Statistics>(query(f));
    expect(a.body.total).toBe(0);
    expect(a.body.perDay.every((d) => d.chats === 0)).toBe(true);
  });

  it('is for managers only and refuses bad input field by field', async () => {
    const agent = await TestClient.login(app.url, spring.setup.agents[0]!.email, PASSWORD);
    expect((await agent.get(query({ from: '2026-03-22', to: '2026-03-31' }))).status).toBe(403);
    expect((await new TestClient(app.url).get(query({ from: '2026-03-22', to: '2026-03-31' }))).status).toBe(
      401,
    );
    const bad = await app.admin.get<{ fields?: Record<string, string> }>(
      '/api/statistics?from=2026-02-30&to=2026-01-01&agentId=x&type=fax&participants=3',
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/from/);
    expect(JSON.stringify(bad.body)).toMatch(/agentId/);
    expect(JSON.stringify(bad.body)).toMatch(/type/);
    const reversed = await app.admin.get(query({ from: '2026-03-31', to: '2026-03-01' }));
    expect(reversed.status).toBe(400);
    expect(JSON.stringify(reversed.body)).toMatch(/to/);
    expect((await app.admin.get('/api/statistics')).status).toBe(400);
  });
});
