import {
  ChatFilter,
  ChatListSort,
  ChatStatus,
  ChatType,
  LocalDate,
  Participants,
  PeriodPreset,
  presetPeriod,
} from '@parley/protocol';

/**
 * The filters of the Chats section as they live in the address, shared by the chat list (CHT-1) and the
 * statistics (STA-1…9, "same filters"), so a view can be shared, survives a reload and goes along from one page
 * to the other: the period (`period=today|yesterday|last7|last30`, or `custom` with `from` and `to`; `from` and
 * `to` alone also mean a custom range) and the filters under the API's names. Unknown values fall back to the
 * defaults; nothing in the address can break a page.
 */
export type PeriodChoice = PeriodPreset | 'custom';
export const DEFAULT_PERIOD: PeriodChoice = 'last7';

export const FILTER_KEYS = [
  'agentId',
  'successCodeId',
  'participants',
  'campaignId',
  'type',
  'status',
] as const satisfies readonly (keyof ChatFilter)[];
export type FilterKey = (typeof FILTER_KEYS)[number];

export type ChatFilterView = {
  period: PeriodChoice;
  from: string | null;
  to: string | null;
  agentId: string | null;
  successCodeId: string | null;
  participants: Participants | null;
  campaignId: string | null;
  type: ChatType | null;
  status: ChatStatus | null;
};

/** What of a period the address can be wrong about, said beside the dates. */
export type PeriodProblem = 'endBeforeStart' | 'tooLong';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(values: Record<string, T>, value: string | null): T | null {
  return value !== null && (Object.values(values) as string[]).includes(value) ? (value as T) : null;
}
const id = (v: string | null) => (v && UUID_RE.test(v) ? v : null);
const date = (v: string | null) => (v && LocalDate.safeParse(v).success ? v : null);

export function viewFromParams(p: URLSearchParams): ChatFilterView {
  const from = date(p.get('from'));
  const to = date(p.get('to'));
  const named = p.get('period');
  const period: PeriodChoice =
    named === 'custom'
      ? 'custom'
      : (oneOf(PeriodPreset, named) ?? (named === null && from && to ? 'custom' : DEFAULT_PERIOD));
  return {
    period,
    from,
    to,
    agentId: id(p.get('agentId')),
    successCodeId: id(p.get('successCodeId')),
    participants: oneOf(Participants, p.get('participants')),
    campaignId: id(p.get('campaignId')),
    type: oneOf(ChatType, p.get('type')),
    status: oneOf(ChatStatus, p.get('status')),
  };
}

/** The chat list's order: newest first unless the address says `sort=asc`. */
export function sortFromParams(p: URLSearchParams): ChatListSort {
  return p.get('sort') === 'asc' ? 'asc' : 'desc';
}

/** The part of an address that is the filters (period and filters, not the list's order), to carry along. */
export function filterSearch(p: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const key of ['period', 'from', 'to', ...FILTER_KEYS]) {
    const value = p.get(key);
    if (value) kept.set(key, value);
  }
  return kept.toString();
}

/** The dates the view covers, seen at `now` in the account's time zone; null while a custom range is unfinished. */
export function periodOf(
  view: Pick<ChatFilterView, 'period' | 'from' | 'to'>,
  now: Date,
  timeZone: string,
): { from: string; to: string } | null {
  if (view.period !== 'custom') return presetPeriod(view.period, now, timeZone);
  return view.from && view.to ? { from: view.from, to: view.to } : null;
}

/** Why a custom range cannot be asked for (the API refuses it); null when it can, or is not finished yet. */
export function periodProblem(view: Pick<ChatFilterView, 'period' | 'from' | 'to'>): PeriodProblem | null {
  if (view.period !== 'custom' || !view.from || !view.to) return null;
  if (view.to < view.from) return 'endBeforeStart';
  return ChatFilter.safeParse({ from: view.from, to: view.to }).success ? null : 'tooLong';
}

/** What `GET /api/chats` and `GET /api/statistics` are asked for; null while the period cannot be asked for. */
export function chatFilter(view: ChatFilterView, now: Date, timeZone: string): ChatFilter | null {
  const period = periodOf(view, now, timeZone);
  if (!period || periodProblem(view)) return null;
  const f: ChatFilter = { ...period };
  if (view.agentId) f.agentId = view.agentId;
  if (view.successCodeId) f.successCodeId = view.successCodeId;
  if (view.participants) f.participants = view.participants;
  if (view.campaignId) f.campaignId = view.campaignId;
  if (view.type) f.type = view.type;
  if (view.status) f.status = view.status;
  return f;
}

/** Whether anything but the period narrows the chats (the empty states then suggest removing filters). */
export function hasFilters(view: ChatFilterView): boolean {
  return FILTER_KEYS.some((key) => view[key] !== null);
}
