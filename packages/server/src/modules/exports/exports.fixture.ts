// A generated data set for the export tests (EXP-1…8): a week around the autumn clock change in
// Europe/Amsterdam, with names that CSV and spreadsheets trip over. The rows are kept as plain objects so that the
// tests compute every expected figure from them in TypeScript, independently of the reports' SQL.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';

export type Fx = {
  accountId: string;
  users: {
    id: string;
    email: string;
    nickname: string;
    first_name: string;
    last_name: string;
    rights: 'manager' | 'agent';
    live_chat_limit: number | null;
    created_at: Date;
    deleted_at: Date | null;
  }[];
  websites: { id: string; host: string; created_at: Date; account_id: string }[];
  campaigns: { id: string; title: string; all_websites: boolean; websiteIds: string[] }[];
  /** Per agent, the campaigns whose routing names them. */
  routed: Map<string, string[]>;
  visitors: { id: string; visits: number; chats: number }[];
  visits: {
    id: string;
    visitor_id: string;
    website_id: string | null;
    started_at: Date;
    page_views: number;
  }[];
  pageViews: { visit_id: string; viewed_at: Date }[];
  /** Visits in which the chat window was opened (first time, how often). */
  chatViews: { visit_id: string; viewed_at: Date; opens: number }[];
  chats: {
    id: string;
    visitor_id: string;
    visit_id: string | null;
    website_id: string | null;
    campaign_id: string | null;
    mode: 'live' | 'nrt';
    offline_message: boolean;
    status: 'queued' | 'active' | 'closed';
    proactive: boolean;
    start_url: string;
    agent_id: string | null;
    started_at: Date;
    first_assigned_at: Date | null;
    first_response_at: Date | null;
    first_response_seconds: number | null;
    closed_at: Date | null;
    closed_by: 'visitor' | 'agent' | 'system' | null;
    duration_seconds: number | null;
    rating: number | null;
    visitor_left_at: Date | null;
    codes: string[];
  }[];
  events: { chat_id: string; seq: number; type: string; author: 'visitor' | 'agent' | 'system' }[];
  assignments: {
    chat_id: string;
    user_id: string;
    reason: 'routed' | 'transferred' | 'forwarded' | 'requeued';
    assigned_at: Date;
    ended_at: Date | null;
    answered: boolean;
  }[];
  periods: {
    id?: number;
    user_id: string;
    status: 'available' | 'away' | 'offline';
    started_at: Date;
    ended_at: Date | null;
  }[];
  invites: {
    campaign_id: string | null;
    visitor_id: string | null;
    visit_id: string | null;
    /** The page's website (migration 016); null as for events recorded before it without a visit. */
    website_id: string | null;
    event: 'shown' | 'accepted' | 'declined' | 'not_shown_unavailable';
    url: string;
    at: Date;
    /** The agent who invited by hand (INV-6); null for an automatic greeting. */
    user_id: string | null;
  }[];
  codes: { id: string; campaign_id: string; name: string; position: number }[];
};

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}

const S = 1000;
/** Whole seconds, so that rounding is never in question. */
const at = (ms: number) => new Date(Math.floor(ms / S) * S);

/**
 * Generates and inserts the data set into account `accountId` (whose manager and first website exist already),
 * chats spread over [spanStart, spanEnd) — wider than the period the tests ask for, to test its edges.
 */
export async function generate(
  db: Db,
  opts: {
    accountId: string;
    spanStart: Date;
    spanEnd: Date;
    chats: number;
    seed: number;
    otherHost?: string;
  },
): Promise<Fx> {
  const r = rng(opts.seed);
  const { accountId } = opts;
  const t0 = opts.spanStart.getTime();
  const span = opts.spanEnd.getTime() - t0;
  const created = new Date('2026-01-05T09:00:00Z');

  const existing = await db.selectFrom('users').selectAll().where('account_id', '=', accountId).execute();
  const users: Fx['users'] = existing.map((u) => ({
    id: u.id,
    email: u.email,
    nickname: u.nickname,
    first_name: u.first_name,
    last_name: u.last_name,
    rights: u.rights,
    live_chat_limit: u.live_chat_limit,
    created_at: new Date(u.created_at),
    deleted_at: u.deleted_at,
  }));
  const names: [string, string, string][] = [
    ['Zoë', 'Ærøskøbing', 'zoe'],
    ['=HYPERLINK("http://evil.example","x")', 'Formula', 'formula'],
    ['Ann "Quote"', 'Line\nBreak, Jr', 'ann'],
    ['Deleted', 'Agent', 'gone'],
  ];
  const agents = names.map(([first, last, nick], i) => ({
    id: randomUUID(),
    email: `${nick}.${opts.seed}@export.example`,
    nickname: i === 1 ? '@nick' : nick,
    first_name: first,
    last_name: last,
    rights: 'agent' as const,
    live_chat_limit: i + 2,
    created_at: new Date(created.getTime() + i * 3600_000),
    deleted_at: i === 3 ? new Date(t0 + span / 2) : null,
  }));
  users.push(...agents);
  await db
    .insertInto('users')
    .values(agents.map((a) => ({ ...a, account_id: accountId, password_hash: 'x' })))
    .execute();

  const existingSites = await db
    .selectFrom('websites')
    .selectAll()
    .where('account_id', '=', accountId)
    .execute();
  const websites: Fx['websites'] = existingSites.map((w) => ({ ...w, created_at: new Date(w.created_at) }));
  const shop = {
    id: randomUUID(),
    host: opts.otherHost ?? `shop-${opts.seed}.example`,
    created_at: created,
    account_id: accountId,
  };
  websites.push(shop);
  await db.insertInto('websites').values(shop).execute();

  const existingCampaigns = await db
    .selectFrom('campaigns')
    .selectAll()
    .where('account_id', '=', accountId)
    .execute();
  const campaigns: Fx['campaigns'] = existingCampaigns.map((c) => ({
    id: c.id,
    title: c.title,
    all_websites: c.all_websites,
    websiteIds: [],
  }));
  const sale = { id: randomUUID(), title: 'Spring "Sale", -50%', all_websites: false, websiteIds: [shop.id] };
  campaigns.push(sale);
  await db
    .insertInto('campaigns')
    .values({ id: sale.id, account_id: accountId, title: sale.title, all_websites: false })
    .execute();
  await db
    .insertInto('campaign_websites')
    .values({ campaign_id: sale.id, website_id: shop.id, account_id: accountId })
    .execute();

  // Routing: agent 0 named directly in the sale's level, agent 1 through a group.
  const level = randomUUID();
  const group = randomUUID();
  await db
    .insertInto('routing_levels')
    .values({ id: level, account_id: accountId, campaign_id: sale.id, position: 0 })
    .execute();
  await db
    .insertInto('groups')
    .values({ id: group, account_id: accountId, name: `Team ${opts.seed}` })
    .execute();
  await db
    .insertInto('group_members')
    .values({ group_id: group, user_id: agents[1]!.id, account_id: accountId })
    .execute();
  await db
    .insertInto('routing_level_members')
    .values([
      { level_id: level, account_id: accountId, user_id: agents[0]!.id, group_id: null },
      { level_id: level, account_id: accountId, user_id: null, group_id: group },
    ])
    .execute();
  const routed = new Map<string, string[]>([
    [agents[0]!.id, [sale.title]],
    [agents[1]!.id, [sale.title]],
  ]);

  const codes = ['Sale', '=cmd|calc', 'Ünïcode'].map((name, position) => ({
    id: randomUUID(),
    campaign_id: sale.id,
    name,
    position,
  }));
  await db
    .insertInto('success_codes')
    .values(codes.map((c) => ({ ...c, account_id: accountId })))
    .execute();

  // Visitors and their visits with page views.
  const visitors: Fx['visitors'] = Array.from({ length: 12 }, () => ({
    id: randomUUID(),
    visits: 0,
    chats: 0,
  }));
  const visits: Fx['visits'] = [];
  const pageViews: Fx['pageViews'] = [];
  for (let i = 0; i < opts.chats; i++) {
    const v = r.pick(visitors);
    const started = at(t0 + r.next() * span);
    const n = r.int(1, 4);
    const visit = {
      id: randomUUID(),
      visitor_id: v.id,
      website_id: r.chance(0.5) ? shop.id : websites[0]!.id,
      started_at: started,
      page_views: n,
    };
    v.visits++;
    visits.push(visit);
    for (let k = 0; k < n; k++)
      pageViews.push({ visit_id: visit.id, viewed_at: at(started.getTime() + k * r.int(30, 4000) * S) });
  }

  const chats: Fx['chats'] = [];
  const events: Fx['events'] = [];
  const assignments: Fx['assignments'] = [];
  const live = agents.slice(0, 3);
  for (let i = 0; i < opts.chats; i++) {
    const visit = visits[i]!;
    const started = at(visit.started_at.getTime() + r.int(0, 600) * S);
    const offline = r.chance(0.1);
    const mode = offline || r.chance(0.15) ? 'nrt' : 'live';
    const answered = !offline && r.chance(0.8);
    const agent = answered || r.chance(0.3) ? r.pick(live) : null;
    const closedState = r.chance(0.85);
    const chat: Fx['chats'][number] = {
      id: randomUUID(),
      visitor_id: visit.visitor_id,
      visit_id: visit.id,
      website_id: visit.website_id,
      campaign_id: r.chance(0.6) ? sale.id : campaigns[0]!.id,
      mode,
      offline_message: offline,
      status: closedState ? 'closed' : agent ? 'active' : 'queued',
      proactive: r.chance(0.3),
      start_url: r.pick([
        'https://shop.example/ä?x="1"',
        '-1+1',
        'https://shop.example/line\r\nbreak',
        'http://localhost/',
      ]),
      agent_id: agent?.id ?? null,
      started_at: started,
      first_assigned_at: null,
      first_response_at: null,
      first_response_seconds: null,
      closed_at: null,
      closed_by: null,
      duration_seconds: null,
      rating: null,
      visitor_left_at: r.chance(0.2) ? at(started.getTime() + 120 * S) : null,
      codes: [],
    };
    visitors.find((v) => v.id === chat.visitor_id)!.chats++;
    let seq = 1;
    events.push({ chat_id: chat.id, seq: seq++, type: 'started', author: 'system' });
    events.push({ chat_id: chat.id, seq: seq++, type: 'text', author: 'visitor' });
    let t = started.getTime();
    if (agent) {
      // Sometimes someone else was given it first and did not answer (ignored), then it moved on.
      if (r.chance(0.3)) {
        const first = r.pick(live.filter((a) => a.id !== agent.id));
        const end = t + r.int(10, 60) * S;
        assignments.push({
          chat_id: chat.id,
          user_id: first.id,
          reason: 'routed',
          assigned_at: at(t + 5 * S),
          ended_at: at(end),
          answered: false,
        });
        t = end;
        assignments.push({
          chat_id: chat.id,
          user_id: agent.id,
          reason: r.pick(['forwarded', 'transferred'] as const),
          assigned_at: at(t),
          ended_at: null,
          answered,
        });
      } else {
        t += r.int(1, 90) * S;
        assignments.push({
          chat_id: chat.id,
          user_id: agent.id,
          reason: 'routed',
          assigned_at: at(t),
          ended_at: null,
          answered,
        });
      }
      const own = assignments.filter((a) => a.chat_id === chat.id);
      chat.first_assigned_at = at(Math.min(...own.map((a) => a.assigned_at.getTime())));
      events.push({ chat_id: chat.id, seq: seq++, type: 'agent_joined', author: 'system' });
      if (answered) {
        t += r.int(2, 120) * S;
        chat.first_response_at = at(t);
        // STA-8: from the chat's first assignment (the earliest of its assignment rows).
        chat.first_response_seconds = Math.round((t - chat.first_assigned_at!.getTime()) / S);
        for (let k = r.int(1, 4); k > 0; k--) {
          events.push({ chat_id: chat.id, seq: seq++, type: 'text', author: 'agent' });
          if (r.chance(0.6))
            events.push({ chat_id: chat.id, seq: seq++, type: r.pick(['text', 'file']), author: 'visitor' });
        }
      }
    }
    if (closedState) {
      t += r.int(30, 3000) * S;
      chat.closed_at = at(t);
      chat.closed_by = r.pick(['visitor', 'agent', 'system'] as const);
      chat.duration_seconds = Math.round((t - started.getTime()) / S);
      events.push({ chat_id: chat.id, seq, type: 'closed', author: 'system' });
      for (const a of assignments.filter((a) => a.chat_id === chat.id && a.ended_at === null))
        a.ended_at = chat.closed_at;
      if (answered && r.chance(0.5)) chat.rating = r.int(1, 5);
    }
    if (chat.campaign_id === sale.id && r.chance(0.5))
      chat.codes = codes.filter(() => r.chance(0.5)).map((c) => c.id);
    chats.push(chat);
  }

  // Availability: each agent cycles through states across the whole span; the last period stays open.
  const periods: Fx['periods'] = [];
  for (const a of agents) {
    let t = t0 - r.int(1, 20) * 3600 * S;
    while (t < opts.spanEnd.getTime()) {
      const len = r.int(5, 600) * 60 * S;
      const status = r.pick(['available', 'available', 'away', 'offline'] as const);
      const end = t + len;
      periods.push({
        user_id: a.id,
        status,
        started_at: at(t),
        ended_at: end >= opts.spanEnd.getTime() ? null : at(end),
      });
      t = end;
    }
  }

  const invites: Fx['invites'] = [];
  for (let i = 0; i < opts.chats; i++) {
    const visit = r.chance(0.8) ? r.pick(visits) : null;
    invites.push({
      campaign_id: r.chance(0.8) ? sale.id : null,
      visitor_id: visit?.visitor_id ?? null,
      visit_id: visit?.id ?? null,
      // Recorded from a page of a website, with or without a visit (most greetings come before any chat).
      website_id: visit ? visit.website_id : r.chance(0.7) ? r.pick(websites).id : null,
      event: r.pick(['shown', 'accepted', 'declined', 'not_shown_unavailable'] as const),
      url: r.pick(['https://shop.example/', '@home', 'https://shop.example/é']),
      at: at(t0 + r.next() * span),
      user_id: r.chance(0.2) ? r.pick(agents).id : null,
    });
  }

  // Chats viewed: the window opened in some visits, a while after the visit began (some the next local day).
  const chatViews: Fx['chatViews'] = visits
    .filter(() => r.chance(0.4))
    .map((v) => ({
      visit_id: v.id,
      viewed_at: at(v.started_at.getTime() + r.int(5, 6 * 3600) * S),
      opens: r.int(1, 3),
    }));

  const batch = async <T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
  };
  await batch(visitors, (rows) =>
    db
      .insertInto('visitors')
      .values(
        rows.map((v) => ({
          id: v.id,
          account_id: accountId,
          token_hash: randomUUID(),
          visits: v.visits,
          chats: v.chats,
        })),
      )
      .execute(),
  );
  await batch(visits, (rows) =>
    db
      .insertInto('visits')
      .values(rows.map((v) => ({ ...v, account_id: accountId })))
      .execute(),
  );
  await batch(pageViews, (rows) =>
    db
      .insertInto('page_views')
      .values(rows.map((p) => ({ ...p, account_id: accountId, url: 'https://shop.example/' })))
      .execute(),
  );
  await batch(chatViews, (rows) =>
    db
      .insertInto('chat_views')
      .values(rows.map((c) => ({ ...c, account_id: accountId })))
      .execute(),
  );
  await batch(chats, (rows) =>
    db
      .insertInto('chats')
      .values(
        rows.map(({ codes: _codes, ...c }) => ({ ...c, account_id: accountId, closed_by: c.closed_by })),
      )
      .execute(),
  );
  await batch(events, (rows) =>
    db
      .insertInto('chat_events')
      .values(rows.map((e) => ({ ...e, account_id: accountId })))
      .execute(),
  );
  await batch(assignments, (rows) =>
    db
      .insertInto('chat_assignments')
      .values(rows.map((a) => ({ ...a, account_id: accountId })))
      .execute(),
  );
  const codeRows = chats.flatMap((c) =>
    c.codes.map((code_id) => ({ chat_id: c.id, code_id, account_id: accountId })),
  );
  await batch(codeRows, (rows) => db.insertInto('chat_success_codes').values(rows).execute());
  await batch(periods, (rows) =>
    db
      .insertInto('agent_status_periods')
      .values(rows.map((p) => ({ ...p, account_id: accountId })))
      .execute(),
  );
  await batch(invites, (rows) =>
    db
      .insertInto('invite_events')
      .values(rows.map((i) => ({ ...i, account_id: accountId })))
      .execute(),
  );

  return {
    accountId,
    users,
    websites,
    campaigns,
    routed,
    visitors,
    visits,
    pageViews,
    chatViews,
    chats,
    events,
    assignments,
    periods,
    invites,
    codes,
  };
}
