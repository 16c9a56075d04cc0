import {
  ChatListSort,
  ChatStatus,
  ChatType,
  LocalDate,
  Participants,
  PeriodPreset,
  presetPeriod,
} from '@parley/protocol';
import type { ChatListFilters } from '../../api/chats';

/**
 * The chat list's view as it lives in the address (so a view can be shared and survives a reload): the period
 * (`period=today|yesterday|last7|last30`, or `custom` with `from` and `to`), the filters under the API's names,
 * and `sort=asc` for oldest first. Unknown values fall back to the defaults; nothing in the address can break
 * the page.
 */
export type PeriodChoice = PeriodPreset | 'custom';
export const DEFAULT_PERIOD: PeriodChoice = 'last7';

export type ChatListView = {
  period: PeriodChoice;
  from: string | null;
  to: string | null;
  agentId: string | null;
  successCodeId: string | null;
  participants: Participants | null;
  campaignId: string | null;
  type: ChatType | null;
  status: ChatStatus | null;
  sort: ChatListSort;
};

export type ViewKey = Exclude<keyof ChatListView, 'period' | 'sort' | 'from' | 'to'>;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(values: Record<string, T>, value: string | null): T | null {
  return value !== null && (Object.values(values) as string[]).includes(value) ? (value as T) : null;
}
const id = (v: string | null) => (v && UUID_RE.test(v) ? v : null);
const date = (v: string | null) => (v && LocalDate.safeParse(v).success ? v : null);

export function viewFromParams(p: URLSearchParams): ChatListView {
  const period = p.get('period');
  return {
    period: period === 'custom' ? 'custom' : (oneOf(PeriodPreset, period) ?? DEFAULT_PERIOD),
    from: date(p.get('from')),
    to: date(p.get('to')),
    agentId: id(p.get('agentId')),
    successCodeId: id(p.get('successCodeId')),
    participants: oneOf(Participants, p.get('participants')),
    campaignId: id(p.get('campaignId')),
    type: oneOf(ChatType, p.get('type')),
    status: oneOf(ChatStatus, p.get('status')),
    sort: p.get('sort') === 'asc' ? 'asc' : 'desc',
  };
}

/** The dates the view covers, seen at `now` in the account's time zone; null while a custom range is unfinished. */
export function periodOf(
  view: Pick<ChatListView, 'period' | 'from' | 'to'>,
  now: Date,
  timeZone: string,
): { from: string; to: string } | null {
  if (view.period !== 'custom') return presetPeriod(view.period, now, timeZone);
  return view.from && view.to ? { from: view.from, to: view.to } : null;
}

/** What the API is asked for; null when the period is not complete yet. */
export function apiFilters(view: ChatListView, now: Date, timeZone: string): ChatListFilters | null {
  const period = periodOf(view, now, timeZone);
  if (!period) return null;
  const f: ChatListFilters = { ...period, sort: view.sort };
  if (view.agentId) f.agentId = view.agentId;
  if (view.successCodeId) f.successCodeId = view.successCodeId;
  if (view.participants) f.participants = view.participants;
  if (view.campaignId) f.campaignId = view.campaignId;
  if (view.type) f.type = view.type;
  if (view.status) f.status = view.status;
  return f;
}

/** Whether anything but the period narrows the list (the empty state then suggests removing filters). */
export function hasFilters(view: ChatListView): boolean {
  return Boolean(
    view.agentId || view.successCodeId || view.participants || view.campaignId || view.type || view.status,
  );
}
