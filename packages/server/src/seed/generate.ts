// Sample data (issue 13): a realistic period of an account's life — agents and groups, campaigns and websites,
// visitors, visits and page views, chats with their transcripts, transfers, closes, NRT chats and offline
// messages, agents' availability, invitations, success codes and ratings. Pure and deterministic: the same options
// give the same rows. The loader (load.ts) writes them; tests check their invariants and compute expected
// statistics from them.
import { addDays, startOfLocalDay } from '@parley/protocol';
import { Random } from './random.js';

export type SeedOptions = {
  accountId: string;
  /** The account's time zone: office hours and the daily pattern are local. */
  timeZone: string;
  chats: number;
  days: number;
  /** The last local date of the period (its chats end before `now`). */
  lastDate: string;
  /** Nothing happens after this instant; chats still going on then are left open. */
  now: Date;
  seed: string | number;
  /** Stored for every seeded user (they share one password). */
  passwordHash: string;
};

export type UserRow = {
  id: string;
  account_id: string;
  email: string;
  password_hash: string;
  first_name: string;
  last_name: string;
  nickname: string;
  rights: 'manager' | 'agent';
  created_at: Date;
};
export type GroupRow = { id: string; account_id: string; name: string };
export type GroupMemberRow = { group_id: string; user_id: string; account_id: string };
export type WebsiteRow = { id: string; account_id: string; host: string };
export type CampaignRow = { id: string; account_id: string; title: string; all_websites: boolean };
export type CampaignWebsiteRow = { campaign_id: string; website_id: string; account_id: string };
export type SuccessCodeRow = {
  id: string;
  account_id: string;
  campaign_id: string;
  name: string;
  position: number;
};
export type VisitorRow = {
  id: string;
  account_id: string;
  token_hash: string;
  name: string;
  email: string;
  visits: number;
  chats: number;
  first_seen_at: Date;
  last_seen_at: Date;
};
export type VisitRow = {
  id: string;
  account_id: string;
  visitor_id: string;
  website_id: string;
  campaign_id: string;
  referrer: string;
  landing_url: string;
  page_views: number;
  started_at: Date;
  last_seen_at: Date;
};
export type PageViewRow = {
  account_id: string;
  visit_id: string;
  url: string;
  title: string;
  viewed_at: Date;
};
export type ChatRow = {
  id: string;
  account_id: string;
  campaign_id: string;
  website_id: string;
  visitor_id: string;
  visit_id: string;
  status: 'queued' | 'active' | 'closed';
  mode: 'live' | 'nrt';
  offline_message: boolean;
  proactive: boolean;
  start_url: string;
  agent_id: string | null;
  last_seq: number;
  visitor_present: boolean;
  visitor_left_at: Date | null;
  started_at: Date;
  queued_at: Date | null;
  assigned_at: Date | null;
  first_assigned_at: Date | null;
  first_response_at: Date | null;
  last_message_at: Date | null;
  last_visitor_message_at: Date | null;
  closed_at: Date | null;
  closed_by: 'visitor' | 'agent' | 'system' | null;
  closed_by_user_id: string | null;
  duration_seconds: number | null;
  first_response_seconds: number | null;
  rating: number | null;
  rating_comment: string | null;
};
export type ChatEventRow = {
  chat_id: string;
  seq: number;
  account_id: string;
  type: string;
  author: 'visitor' | 'agent' | 'system';
  author_name: string;
  user_id: string | null;
  body: string;
  data: Record<string, unknown>;
  created_at: Date;
};
export type AssignmentRow = {
  account_id: string;
  chat_id: string;
  user_id: string;
  reason: 'routed' | 'transferred';
  assigned_at: Date;
  ended_at: Date | null;
  answered: boolean;
};
export type ChatSuccessCodeRow = {
  chat_id: string;
  code_id: string;
  account_id: string;
  chosen_by: string | null;
  chosen_at: Date;
};
export type InviteEventRow = {
  account_id: string;
  campaign_id: string;
  invite_id: string;
  visitor_id: string;
  visit_id: string;
  website_id: string;
  event: 'shown' | 'accepted' | 'declined' | 'not_shown_unavailable';
  url: string;
  at: Date;
};
/** "Chats viewed" (EXP-7, migration 010): a visit in which the visitor opened the chat window. */
export type ChatViewRow = { visit_id: string; account_id: string; viewed_at: Date; opens: number };
export type StatusPeriodRow = {
  account_id: string;
  user_id: string;
  status: 'available' | 'away' | 'offline';
  started_at: Date;
  ended_at: Date;
};

/** What exists once: people, places, campaigns, codes. */
export type SeedSetup = {
  tag: string;
  users: UserRow[];
  /** The seeded manager (first of `users`). */
  manager: UserRow;
  agents: UserRow[];
  groups: GroupRow[];
  groupMembers: GroupMemberRow[];
  websites: WebsiteRow[];
  campaigns: CampaignRow[];
  campaignWebsites: CampaignWebsiteRow[];
  successCodes: SuccessCodeRow[];
};

/** One local day of activity; days come in date order, so every row refers only to rows of this or earlier days. */
export type SeedDay = {
  date: string;
  visitors: VisitorRow[];
  visits: VisitRow[];
  pageViews: PageViewRow[];
  chatViews: ChatViewRow[];
  chats: ChatRow[];
  chatEvents: ChatEventRow[];
  assignments: AssignmentRow[];
  chatSuccessCodes: ChatSuccessCodeRow[];
  inviteEvents: InviteEventRow[];
  statusPeriods: StatusPeriodRow[];
};

const FIRST = [
  'Anna',
  'Bram',
  'Chloé',
  'Daan',
  'Eva',
  'Finn',
  'Greta',
  'Hugo',
  'Iris',
  'Jonas',
  'Katja',
  'Lars',
];
const LAST = ['de Vries', 'Jansen', 'Müller', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'Bos', 'Vos'];
const VISITOR_NAMES = ['', '', '', 'Sam', 'Alex', 'Noor', 'Lina', 'Omar', 'Zoë', 'Ravi', 'Mei', 'José'];
const VISITOR_LINES = [
  'Hello, I have a question about my order.',
  'Do you ship to Belgium?',
  'How long does delivery take?',
  'Can I change my invoice address?',
  'Is this product in stock?',
  'I cannot sign in to my account.',
  'Thanks!',
  'Great, that helps.',
];
const AGENT_LINES = [
  'Hello! How can I help you?',
  'Let me check that for you.',
  'Yes, we do — delivery takes two to three days.',
  'I have changed it for you.',
  'Is there anything else I can do for you?',
  'You are welcome, have a nice day!',
];
const PAGES = [
  '/',
  '/products',
  '/products/chair',
  '/products/lamp',
  '/pricing',
  '/contact',
  '/faq',
  '/checkout',
];
const REFERRERS = ['', '', 'https://www.google.com/', 'https://duckduckgo.com/', 'https://news.example/'];

/** Relative chat volume per local hour of day: quiet nights, a morning peak, a lunch dip, an evening tail. */
export const HOUR_WEIGHTS = [
  1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 3, 6, 9, 10, 9.5, 7, 8, 9, 9, 8, 6.5, 5, 4.5, 4, 3.5, 2.5, 1.5,
];
/** Relative volume per day of week, Sunday first. */
export const WEEKDAY_WEIGHTS = [0.35, 1, 1.05, 1, 0.95, 0.85, 0.45];

/**
 * How many chats each day gets: the weekly pattern with a slow growth, summing exactly to `chats`. The last day
 * gets `lastDayShare` of its volume (the part of the day's hourly pattern before `now`).
 */
export function chatsPerDay(
  opts: Pick<SeedOptions, 'chats' | 'days' | 'lastDate'>,
  lastDayShare = 1,
): number[] {
  const first = addDays(opts.lastDate, -(opts.days - 1));
  const weights: number[] = [];
  for (let i = 0; i < opts.days; i++) {
    const weekday = new Date(`${addDays(first, i)}T00:00:00Z`).getUTCDay();
    const share = i === opts.days - 1 ? Math.max(lastDayShare, 0.001) : 1;
    weights.push(WEEKDAY_WEIGHTS[weekday]! * (1 + (0.3 * i) / Math.max(1, opts.days)) * share);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / total) * opts.chats);
  const counts = exact.map(Math.floor);
  let rest = opts.chats - counts.reduce((a, b) => a + b, 0);
  // Largest remainders get the chats left over.
  const order = exact
    .map((e, i) => [e - Math.floor(e), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k++, rest--) counts[order[k % order.length]![1]]! += 1;
  return counts;
}

export function generateSetup(opts: SeedOptions): SeedSetup {
  const rnd = new Random(`${opts.seed}:${opts.accountId}:setup`);
  const tag = rnd.uuid().slice(0, 6);
  const at = startOfLocalDay(addDays(opts.lastDate, -opts.days), opts.timeZone);
  const agentCount = Math.max(4, Math.min(40, Math.ceil(Math.sqrt(opts.chats) / 10)));
  const person = (i: number, rights: 'manager' | 'agent'): UserRow => {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7 + 3) % LAST.length]!;
    return {
      id: rnd.uuid(),
      account_id: opts.accountId,
      email: `${rights === 'manager' ? 'manager' : `agent${i}`}.${tag}@sample.example`,
      password_hash: opts.passwordHash,
      first_name: first,
      last_name: last,
      nickname: i >= FIRST.length ? `${first} ${Math.floor(i / FIRST.length) + 1}` : first,
      rights,
      created_at: at,
    };
  };
  const manager = person(0, 'manager');
  const agents = Array.from({ length: agentCount }, (_, i) => person(i + 1, 'agent'));
  const groupNames = ['Sales', 'Support', 'Billing'];
  const groups = groupNames.map((name) => ({
    id: rnd.uuid(),
    account_id: opts.accountId,
    name: `${name} ${tag}`,
  }));
  const groupMembers = agents.map((a, i) => ({
    group_id: groups[i % groups.length]!.id,
    user_id: a.id,
    account_id: opts.accountId,
  }));
  const websites = ['www', 'shop'].map((sub) => ({
    id: rnd.uuid(),
    account_id: opts.accountId,
    host: `${sub}.sample-${tag}.example`,
  }));
  const campaigns = ['Website', 'Shop', 'Support portal'].map((title) => ({
    id: rnd.uuid(),
    account_id: opts.accountId,
    title: `${title} (sample ${tag})`,
    all_websites: false,
  }));
  const campaignWebsites = campaigns.map((c, i) => ({
    campaign_id: c.id,
    website_id: websites[i === 1 ? 1 : 0]!.id,
    account_id: opts.accountId,
  }));
  const successCodes = campaigns.flatMap((c) =>
    ['Sale', 'Lead', 'Support'].map((name, position) => ({
      id: rnd.uuid(),
      account_id: opts.accountId,
      campaign_id: c.id,
      name,
      position,
    })),
  );
  return {
    tag,
    users: [manager, ...agents],
    manager,
    agents,
    groups,
    groupMembers,
    websites,
    campaigns,
    campaignWebsites,
    successCodes,
  };
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

type Timed = Omit<ChatEventRow, 'seq'>;

/** The days of activity, one at a time (a year of a million chats never sits in memory at once). */
export function* generateDays(opts: SeedOptions, setup: SeedSetup): Generator<SeedDay> {
  // The part of the last day's usual volume that falls before `now` (by wall-clock hours since its midnight).
  const lastStart = startOfLocalDay(opts.lastDate, opts.timeZone).getTime();
  const elapsedHours = Math.min(24, Math.max(0, (opts.now.getTime() - lastStart) / HOUR));
  let before = 0;
  for (let h = 0; h < 24; h++) before += HOUR_WEIGHTS[h]! * Math.min(1, Math.max(0, elapsedHours - h));
  const perDay = chatsPerDay(opts, before / HOUR_WEIGHTS.reduce((a, b) => a + b, 0));
  const first = addDays(opts.lastDate, -(opts.days - 1));
  const now = opts.now.getTime();
  const recentVisitors: VisitorRow[] = [];
  const acc = opts.accountId;
  const campaignSite = new Map(setup.campaignWebsites.map((cw) => [cw.campaign_id, cw.website_id]));
  const hostOf = new Map(setup.websites.map((w) => [w.id, w.host]));
  const codesOf = new Map<string, SuccessCodeRow[]>();
  for (const code of setup.successCodes) {
    codesOf.set(code.campaign_id, [...(codesOf.get(code.campaign_id) ?? []), code]);
  }

  for (let d = 0; d < opts.days; d++) {
    const date = addDays(first, d);
    const rnd = new Random(`${opts.seed}:${acc}:${date}`);
    const dayStart = startOfLocalDay(date, opts.timeZone).getTime();
    const dayEnd = Math.min(startOfLocalDay(addDays(date, 1), opts.timeZone).getTime(), now);
    const day: SeedDay = {
      date,
      visitors: [],
      visits: [],
      pageViews: [],
      chatViews: [],
      chats: [],
      chatEvents: [],
      assignments: [],
      chatSuccessCodes: [],
      inviteEvents: [],
      statusPeriods: [],
    };
    if (dayEnd <= dayStart) {
      yield day;
      continue;
    }
    const span = dayEnd - dayStart;
    /** A moment of the day following the hourly pattern (by wall-clock hour from the local midnight). */
    // Hours that have begun by `now` only (the last day), the current one by the part of it that has passed.
    const dayWeights = HOUR_WEIGHTS.map(
      (w, h) => w * Math.min(1, Math.max(0, (dayEnd - dayStart - h * HOUR) / HOUR)),
    );
    const momentOfDay = (): number => {
      const t = dayStart + rnd.weighted(dayWeights) * HOUR + rnd.next() * HOUR;
      return t < dayEnd ? t : dayStart + rnd.next() * span;
    };

    // Availability: each agent works a shift of the day (some days off), with a break, then goes offline.
    const onShift: { agent: UserRow; from: number; to: number }[] = [];
    for (const [i, agent] of setup.agents.entries()) {
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      const works = weekday === 0 || weekday === 6 ? i % 3 === d % 3 : !rnd.chance(0.1);
      if (!works) continue;
      const from = dayStart + (i % 2 === 0 ? 7 : 12) * HOUR + rnd.int(0, 59) * MINUTE;
      const to = from + 8 * HOUR + rnd.int(0, 59) * MINUTE;
      if (from >= dayEnd) continue;
      const breakAt = from + 4 * HOUR;
      const breakEnd = breakAt + 30 * MINUTE;
      const periods: [StatusPeriodRow['status'], number, number][] = [
        ['available', from, breakAt],
        ['away', breakAt, breakEnd],
        ['available', breakEnd, to],
      ];
      for (const [status, s, e] of periods) {
        if (s >= now) break;
        day.statusPeriods.push({
          account_id: acc,
          user_id: agent.id,
          status,
          started_at: new Date(s),
          ended_at: new Date(Math.min(e, now)),
        });
      }
      if (to <= now) {
        const nextShift = to + 14 * HOUR;
        day.statusPeriods.push({
          account_id: acc,
          user_id: agent.id,
          status: 'offline',
          started_at: new Date(to),
          // Offline until shortly before the next day's shift (nothing overlaps). No period is left open: the
          // presence module opens one when the agent signs in.
          ended_at: new Date(Math.min(nextShift, now)),
        });
      }
      onShift.push({ agent, from, to });
    }
    const agentAt = (t: number): UserRow => {
      const here = onShift.filter((s) => s.from <= t && t < s.to);
      return here.length ? rnd.pick(here).agent : rnd.pick(setup.agents);
    };

    const newVisit = (start: number, campaign: CampaignRow): { visitor: VisitorRow; visit: VisitRow } => {
      let visitor: VisitorRow;
      if (recentVisitors.length > 50 && rnd.chance(0.25)) {
        visitor = rnd.pick(recentVisitors);
      } else {
        visitor = {
          id: rnd.uuid(),
          account_id: acc,
          token_hash: rnd.uuid().replaceAll('-', '') + rnd.uuid().replaceAll('-', ''),
          name: rnd.pick(VISITOR_NAMES),
          email: '',
          visits: 1,
          chats: 0,
          first_seen_at: new Date(start),
          last_seen_at: new Date(start),
        };
        day.visitors.push(visitor);
        recentVisitors.push(visitor);
        if (recentVisitors.length > 500) recentVisitors.shift();
      }
      const website = campaignSite.get(campaign.id)!;
      const pages = rnd.int(1, 4);
      let t = start;
      const landing = `https://${hostOf.get(website)}${rnd.pick(PAGES)}`;
      const visit: VisitRow = {
        id: rnd.uuid(),
        account_id: acc,
        visitor_id: visitor.id,
        website_id: website,
        campaign_id: campaign.id,
        referrer: rnd.pick(REFERRERS),
        landing_url: landing,
        page_views: pages,
        started_at: new Date(start),
        last_seen_at: new Date(start),
      };
      for (let p = 0; p < pages && t < now; p++) {
        const url = p === 0 ? landing : `https://${hostOf.get(website)}${rnd.pick(PAGES)}`;
        day.pageViews.push({
          account_id: acc,
          visit_id: visit.id,
          url,
          title: 'Sample page',
          viewed_at: new Date(t),
        });
        visit.last_seen_at = new Date(t);
        t += rnd.int(10, 120) * SECOND;
      }
      day.visits.push(visit);
      return { visitor, visit };
    };

    // Visits without a chat, some shown an invitation that was declined (or not shown: nobody available).
    const quietVisits = perDay[d]!;
    for (let v = 0; v < quietVisits; v++) {
      const campaign = rnd.pick(setup.campaigns);
      const start = momentOfDay();
      const { visitor, visit } = newVisit(start, campaign);
      // Chats viewed (EXP-7): every tenth of these visitors opened the window and wrote nothing. Drawn without
      // the random source, so the rest of the sample stays as it was.
      if (v % 10 === 9 && start + 30 * SECOND < now)
        day.chatViews.push({
          visit_id: visit.id,
          account_id: acc,
          viewed_at: new Date(start + 30 * SECOND),
          opens: 1,
        });
      if (rnd.chance(0.2) && start + 20 * SECOND < now) {
        const available = onShift.some((s) => s.from <= start && start < s.to);
        const invite = rnd.uuid();
        const base = {
          account_id: acc,
          campaign_id: campaign.id,
          invite_id: invite,
          visitor_id: visitor.id,
          website_id: visit.website_id,
        };
        const at = new Date(start + 15 * SECOND);
        if (!available) {
          day.inviteEvents.push({
            ...base,
            visit_id: visit.id,
            event: 'not_shown_unavailable',
            url: visit.landing_url,
            at,
          });
        } else {
          day.inviteEvents.push({ ...base, visit_id: visit.id, event: 'shown', url: visit.landing_url, at });
          if (rnd.chance(0.6)) {
            day.inviteEvents.push({
              ...base,
              visit_id: visit.id,
              event: 'declined',
              url: visit.landing_url,
              at: new Date(start + 20 * SECOND),
            });
          }
        }
      }
    }

    for (let c = 0; c < perDay[d]!; c++) {
      const campaign = setup.campaigns[rnd.weighted([5, 3, 2])]!;
      const visitStart = momentOfDay();
      const { visitor, visit } = newVisit(visitStart, campaign);
      visitor.chats += 1;
      const start = Math.min(visitStart + rnd.int(5, 240) * SECOND, dayEnd - 1);
      const kind = rnd.weighted([0.8, 0.06, 0.08, 0.06]); // answered live, unanswered live, NRT, offline message
      const offline = kind === 3;
      const nrt = kind === 2 || offline;
      const proactive = kind === 0 && rnd.chance(0.25);
      const chat: ChatRow = {
        id: rnd.uuid(),
        account_id: acc,
        campaign_id: campaign.id,
        website_id: visit.website_id,
        visitor_id: visitor.id,
        visit_id: visit.id,
        status: 'closed',
        mode: nrt ? 'nrt' : 'live',
        offline_message: offline,
        proactive,
        start_url: visit.landing_url,
        agent_id: null,
        last_seq: 0,
        visitor_present: false,
        visitor_left_at: null,
        started_at: new Date(start),
        queued_at: new Date(start),
        assigned_at: null,
        first_assigned_at: null,
        first_response_at: null,
        last_message_at: null,
        last_visitor_message_at: null,
        closed_at: null,
        closed_by: null,
        closed_by_user_id: null,
        duration_seconds: null,
        first_response_seconds: null,
        rating: null,
        rating_comment: null,
      };
      if (proactive) {
        const invite = rnd.uuid();
        const base = {
          account_id: acc,
          campaign_id: campaign.id,
          invite_id: invite,
          visitor_id: visitor.id,
          visit_id: visit.id,
          website_id: visit.website_id,
          url: visit.landing_url,
        };
        day.inviteEvents.push({ ...base, event: 'shown', at: new Date(start - 10 * SECOND) });
        day.inviteEvents.push({ ...base, event: 'accepted', at: new Date(start) });
      }
      const events: Timed[] = [];
      const ev = (t: number, type: string, author: Timed['author'], extra: Partial<Timed> = {}) =>
        events.push({
          chat_id: chat.id,
          account_id: acc,
          type,
          author,
          author_name: author === 'visitor' ? visitor.name : '',
          user_id: null,
          body: '',
          data: {},
          created_at: new Date(t),
          ...extra,
        });
      const say = (t: number, who: 'visitor' | UserRow) =>
        who === 'visitor'
          ? ev(t, 'text', 'visitor', { body: rnd.pick(VISITOR_LINES) })
          : ev(t, 'text', 'agent', {
              author_name: who.nickname,
              user_id: who.id,
              body: rnd.pick(AGENT_LINES),
            });

      ev(start, 'started', 'system', { data: { url: visit.landing_url } });
      say(start + 2 * SECOND, 'visitor');
      let closeAt: number;
      let closedBy: ChatRow['closed_by'];
      let closer: UserRow | null = null;
      const chatAssignments: AssignmentRow[] = [];
      if (kind === 0 || kind === 2) {
        const assignedAt = start + 3 * SECOND + Math.round(rnd.exponential(kind === 2 ? 600 : 15)) * SECOND;
        let agent = agentAt(assignedAt);
        chat.assigned_at = new Date(assignedAt);
        chat.first_assigned_at = new Date(assignedAt);
        chatAssignments.push({
          account_id: acc,
          chat_id: chat.id,
          user_id: agent.id,
          reason: 'routed',
          assigned_at: new Date(assignedAt),
          ended_at: null,
          answered: true,
        });
        ev(assignedAt, 'agent_joined', 'system', { data: { name: agent.nickname } });
        const responseDelay =
          (kind === 2 ? rnd.int(5, 240) * MINUTE : 0) + (3 + Math.round(rnd.exponential(20))) * SECOND;
        let t = assignedAt + responseDelay;
        chat.first_response_at = new Date(t);
        say(t, agent);
        const exchanges = rnd.int(1, 5);
        for (let x = 0; x < exchanges; x++) {
          t += rnd.int(10, 90) * SECOND;
          say(t, 'visitor');
          t += rnd.int(8, 60) * SECOND;
          say(t, agent);
        }
        if (rnd.chance(0.07)) {
          // A transfer to a colleague, who answers and finishes the chat.
          const to = setup.agents.find((a) => a.id !== agent.id) ?? agent;
          t += rnd.int(5, 30) * SECOND;
          ev(t, 'transferred', 'system', {
            data: {
              from: { userId: agent.id, name: agent.nickname },
              to: { userId: to.id, name: to.nickname },
              reason: 'transfer',
              via: 'agent',
            },
          });
          chatAssignments[0]!.ended_at = new Date(t);
          chatAssignments.push({
            account_id: acc,
            chat_id: chat.id,
            user_id: to.id,
            reason: 'transferred',
            assigned_at: new Date(t),
            ended_at: null,
            answered: true,
          });
          chat.assigned_at = new Date(t);
          agent = to;
          t += rnd.int(5, 40) * SECOND;
          say(t, agent);
        }
        chat.agent_id = agent.id;
        t += rnd.int(5, 60) * SECOND;
        if (rnd.chance(0.5)) {
          closedBy = 'visitor';
        } else {
          closedBy = 'agent';
          closer = agent;
        }
        closeAt = t;
      } else if (kind === 1) {
        // Nobody answered: the visitor gave up and left; the chat closed itself.
        const leftAt = start + rnd.int(30, 300) * SECOND;
        ev(leftAt, 'visitor_left', 'system');
        chat.visitor_left_at = new Date(leftAt);
        closeAt = leftAt + 60 * SECOND;
        closedBy = 'system';
      } else {
        // An offline message: left through the form while nobody was available, never answered in the chat.
        closeAt = start + 60 * MINUTE;
        closedBy = 'system';
      }
      ev(closeAt, 'closed', 'system', {
        data: closer ? { by: closedBy, name: closer.nickname } : { by: closedBy },
        user_id: closer?.id ?? null,
      });

      // Cut at `now`: what happens later has not happened yet.
      const kept = events
        .filter((e) => e.created_at.getTime() <= now)
        .sort((a, b) => +a.created_at - +b.created_at);
      kept.forEach((e, i) => day.chatEvents.push({ ...e, seq: i + 1 }));
      chat.last_seq = kept.length;
      const messages = kept.filter((e) => e.type === 'text');
      chat.last_message_at = messages.at(-1)?.created_at ?? null;
      chat.last_visitor_message_at =
        messages.filter((e) => e.author === 'visitor').at(-1)?.created_at ?? null;
      if (chat.first_response_at && chat.first_response_at.getTime() > now) chat.first_response_at = null;
      if (closeAt <= now) {
        chat.closed_at = new Date(closeAt);
        chat.closed_by = closedBy;
        chat.closed_by_user_id = closer?.id ?? null;
        chat.duration_seconds = Math.round((closeAt - start) / 1000);
        chat.first_response_seconds =
          chat.first_response_at && chat.first_assigned_at
            ? Math.round((chat.first_response_at.getTime() - chat.first_assigned_at.getTime()) / 1000)
            : null;
        for (const a of chatAssignments) a.ended_at ??= new Date(closeAt);
        if (chat.agent_id && rnd.chance(0.4)) {
          chat.rating = [1, 2, 3, 4, 5][rnd.weighted([0.05, 0.07, 0.13, 0.35, 0.4])]!;
          if (rnd.chance(0.2))
            chat.rating_comment = chat.rating >= 4 ? 'Very helpful, thank you' : 'Took a while';
        }
        if (chat.agent_id && rnd.chance(0.55)) {
          const codes = codesOf.get(campaign.id)!;
          const chosen = rnd.chance(0.1) ? codes.slice(0, 2) : [rnd.pick(codes)];
          for (const code of chosen) {
            day.chatSuccessCodes.push({
              chat_id: chat.id,
              code_id: code.id,
              account_id: acc,
              chosen_by: chat.agent_id,
              chosen_at: new Date(closeAt),
            });
          }
        }
      } else {
        // Still going on at `now`.
        const assignedKept = chatAssignments.filter((a) => a.assigned_at.getTime() <= now);
        chatAssignments.length = 0;
        for (const a of assignedKept) {
          if (a.ended_at && a.ended_at.getTime() > now) a.ended_at = null;
          a.answered = kept.some((e) => e.author === 'agent' && e.user_id === a.user_id);
          chatAssignments.push(a);
        }
        const current = assignedKept.at(-1);
        chat.status = current ? 'active' : 'queued';
        chat.agent_id = current?.user_id ?? null;
        chat.assigned_at = current?.assigned_at ?? null;
        chat.first_assigned_at = assignedKept[0]?.assigned_at ?? null;
        chat.visitor_present = chat.mode === 'live' && !chat.visitor_left_at;
        if (chat.visitor_left_at && chat.visitor_left_at.getTime() > now) chat.visitor_left_at = null;
      }
      if (chat.status !== 'queued') chat.queued_at = null;
      day.assignments.push(...chatAssignments);
      day.chats.push(chat);
      // The window was opened to start the chat (an accepted greeting opened it), just before the start.
      day.chatViews.push({
        visit_id: visit.id,
        account_id: acc,
        viewed_at: new Date(Math.max(visitStart, start - 5 * SECOND)),
        opens: proactive ? 2 : 1,
      });
      visitor.last_seen_at = visit.last_seen_at;
    }
    yield day;
  }
}
