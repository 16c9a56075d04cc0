import { describe, expect, it } from 'vitest';
import { localDateOf } from '@parley/protocol';
import { chatsPerDay, generateDays, generateSetup, type SeedDay, type SeedOptions } from './generate.js';

const base: SeedOptions = {
  accountId: '00000000-0000-4000-8000-000000000001',
  timeZone: 'Europe/Amsterdam',
  chats: 600,
  days: 14,
  lastDate: '2026-03-31',
  now: new Date('2026-03-31T13:30:00Z'),
  seed: 'test',
  passwordHash: 'x',
};

function all(opts: SeedOptions) {
  const setup = generateSetup(opts);
  const days = [...generateDays(opts, setup)];
  const flat = <K extends keyof Omit<SeedDay, 'date'>>(k: K): SeedDay[K] =>
    days.flatMap((d) => d[k] as unknown[]) as SeedDay[K];
  return { setup, days, flat };
}

describe('sample data generator', () => {
  it('is deterministic for a seed and differs for another', () => {
    const a = all(base);
    const b = all(base);
    expect(JSON.stringify(b.days)).toBe(JSON.stringify(a.days));
    const c = all({ ...base, seed: 'other' });
    expect(c.flat('chats')[0]!.id).not.toBe(a.flat('chats')[0]!.id);
  });

  it('spreads exactly the chats asked for over the days, weekdays busier than Sundays', () => {
    const counts = chatsPerDay({ chats: 10_000, days: 28, lastDate: '2026-03-31' });
    expect(counts).toHaveLength(28);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(10_000);
    expect(counts[25]!).toBeLessThan(counts[26]! / 2); // 2026-03-29 is a Sunday, 2026-03-30 a Monday
    const { flat } = all(base);
    expect(flat('chats')).toHaveLength(600);
  });

  it('starts every chat on its local day, within the period and not after now', () => {
    const { days } = all(base);
    for (const day of days) {
      for (const chat of day.chats) {
        expect(localDateOf(chat.started_at, base.timeZone)).toBe(day.date);
        expect(chat.started_at.getTime()).toBeLessThanOrEqual(base.now.getTime());
      }
    }
  });

  it('numbers every transcript gap-free from 1, in time order, matching last_seq', () => {
    const { flat } = all(base);
    const byChat = new Map<string, { seq: number; at: number }[]>();
    for (const e of flat('chatEvents')) {
      byChat.set(e.chat_id, [...(byChat.get(e.chat_id) ?? []), { seq: e.seq, at: e.created_at.getTime() }]);
      expect(e.created_at.getTime()).toBeLessThanOrEqual(base.now.getTime());
    }
    for (const chat of flat('chats')) {
      const events = byChat.get(chat.id) ?? [];
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(chat.last_seq).toBe(events.length);
      for (let i = 1; i < events.length; i++) expect(events[i]!.at).toBeGreaterThanOrEqual(events[i - 1]!.at);
    }
  });

  it('orders each chat’s times and keeps stored durations consistent', () => {
    const { flat } = all(base);
    for (const c of flat('chats')) {
      const s = c.started_at.getTime();
      if (c.assigned_at) expect(c.assigned_at.getTime()).toBeGreaterThanOrEqual(s);
      if (c.first_response_at) expect(c.first_response_at.getTime()).toBeGreaterThan(s);
      if (c.status === 'closed') {
        expect(c.closed_at!.getTime()).toBeGreaterThanOrEqual(c.first_response_at?.getTime() ?? s);
        expect(c.duration_seconds).toBe(Math.round((c.closed_at!.getTime() - s) / 1000));
      } else {
        expect(c.closed_at).toBeNull();
        expect(c.duration_seconds).toBeNull();
      }
      if (c.offline_message) {
        expect(c.mode).toBe('nrt');
        expect(c.agent_id).toBeNull();
        expect(c.first_response_at).toBeNull();
      }
      if (c.rating !== null) expect([1, 2, 3, 4, 5]).toContain(c.rating);
    }
  });

  it('refers only to rows of the account that exist on the same or an earlier day', () => {
    const { setup, days } = all(base);
    const users = new Set(setup.users.map((u) => u.id));
    const campaigns = new Set(setup.campaigns.map((c) => c.id));
    const websites = new Set(setup.websites.map((w) => w.id));
    const codes = new Map(setup.successCodes.map((c) => [c.id, c.campaign_id]));
    const visitors = new Set<string>();
    const visits = new Set<string>();
    const chats = new Map<string, string>();
    for (const day of days) {
      for (const v of day.visitors) visitors.add(v.id);
      for (const v of day.visits) {
        expect(visitors.has(v.visitor_id)).toBe(true);
        expect(websites.has(v.website_id) && campaigns.has(v.campaign_id)).toBe(true);
        visits.add(v.id);
      }
      for (const p of day.pageViews) expect(visits.has(p.visit_id)).toBe(true);
      for (const v of day.chatViews) expect(visits.has(v.visit_id)).toBe(true);
      for (const c of day.chats) {
        expect(visitors.has(c.visitor_id) && visits.has(c.visit_id) && campaigns.has(c.campaign_id)).toBe(
          true,
        );
        if (c.agent_id) expect(users.has(c.agent_id)).toBe(true);
        chats.set(c.id, c.campaign_id);
      }
      for (const e of day.chatEvents) {
        expect(chats.has(e.chat_id)).toBe(true);
        if (e.user_id) expect(users.has(e.user_id)).toBe(true);
      }
      for (const a of day.assignments) expect(chats.has(a.chat_id) && users.has(a.user_id)).toBe(true);
      for (const s of day.chatSuccessCodes) expect(codes.get(s.code_id)).toBe(chats.get(s.chat_id));
      for (const i of day.inviteEvents)
        expect(visitors.has(i.visitor_id) && visits.has(i.visit_id) && websites.has(i.website_id)).toBe(true);
      for (const p of day.statusPeriods) {
        expect(users.has(p.user_id)).toBe(true);
        expect(p.ended_at.getTime()).toBeGreaterThan(p.started_at.getTime());
      }
      const rows = [
        ...day.visitors,
        ...day.visits,
        ...day.chatViews,
        ...day.chats,
        ...day.chatEvents,
        ...day.statusPeriods,
      ];
      for (const r of rows) expect(r.account_id).toBe(base.accountId);
    }
  });

  it('records chats viewed (EXP-7): once per visit, for every chat and some visits without one, after the visit began', () => {
    const { flat } = all(base);
    const views = flat('chatViews');
    const visits = new Map(flat('visits').map((v) => [v.id, v]));
    expect(new Set(views.map((v) => v.visit_id)).size).toBe(views.length);
    const viewed = new Set(views.map((v) => v.visit_id));
    for (const c of flat('chats')) expect(viewed.has(c.visit_id)).toBe(true);
    const chatVisits = new Set(flat('chats').map((c) => c.visit_id));
    expect(views.some((v) => !chatVisits.has(v.visit_id))).toBe(true);
    for (const v of views) {
      expect(v.viewed_at.getTime()).toBeGreaterThanOrEqual(visits.get(v.visit_id)!.started_at.getTime());
      expect(v.viewed_at.getTime()).toBeLessThanOrEqual(base.now.getTime());
      expect(v.opens).toBeGreaterThanOrEqual(1);
    }
    // An invite event's website is its visit's.
    for (const i of flat('inviteEvents')) expect(i.website_id).toBe(visits.get(i.visit_id)!.website_id);
  });

  it('has every kind of chat: proactive, NRT, offline messages, unanswered, transferred, open, rated, coded', () => {
    const { flat } = all({ ...base, chats: 2000 });
    const chats = flat('chats');
    expect(chats.some((c) => c.proactive)).toBe(true);
    expect(chats.some((c) => c.mode === 'nrt' && !c.offline_message)).toBe(true);
    expect(chats.some((c) => c.offline_message)).toBe(true);
    expect(chats.some((c) => !c.offline_message && c.agent_id === null && c.status === 'closed')).toBe(true);
    expect(chats.some((c) => c.status !== 'closed')).toBe(true);
    expect(chats.some((c) => c.rating !== null)).toBe(true);
    expect(flat('assignments').some((a) => a.reason === 'transferred')).toBe(true);
    expect(flat('chatSuccessCodes').length).toBeGreaterThan(0);
    expect(flat('inviteEvents').some((i) => i.event === 'not_shown_unavailable')).toBe(true);
    // At most one open availability period per agent: none (the presence module opens them).
    expect(flat('statusPeriods').length).toBeGreaterThan(0);
  });
});
