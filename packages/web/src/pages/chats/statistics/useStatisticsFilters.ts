import { useSearchParams } from 'react-router';
import { ChatFilter, ChatFilterFields, presetPeriod, type PeriodPreset } from '@parley/protocol';

export const FILTER_KEYS = [
  'agentId',
  'campaignId',
  'successCodeId',
  'participants',
  'type',
  'status',
] as const satisfies readonly (keyof ChatFilter)[];
export type FilterKey = (typeof FILTER_KEYS)[number];

export const PRESETS = ['today', 'yesterday', 'last7', 'last30'] as const satisfies readonly PeriodPreset[];

/**
 * The statistics' filters live in the address with the API's names (from, to, agentId, campaignId,
 * successCodeId, participants, type, status), so a view can be shared and "back" works. Without a period it is
 * the last 7 days in the account's time zone. `filter` is null while the address holds an impossible period.
 */
export function useStatisticsFilters(timeZone: string, now: Date = new Date()) {
  const [params, setParams] = useSearchParams();
  const fallback = presetPeriod('last7', now, timeZone);
  const raw: Record<string, string> = {
    from: params.get('from') ?? fallback.from,
    to: params.get('to') ?? fallback.to,
  };
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    // A value the API would refuse (an old link) is left out rather than breaking the page.
    if (v && ChatFilterFields.shape[key].safeParse(v).success) raw[key] = v;
  }
  const parsed = ChatFilter.safeParse(raw);
  const preset =
    PRESETS.find((p) => {
      const r = presetPeriod(p, now, timeZone);
      return r.from === raw.from && r.to === raw.to;
    }) ?? 'custom';

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  return {
    values: raw as { from: string; to: string } & Partial<Record<FilterKey, string>>,
    filter: parsed.success ? parsed.data : null,
    preset,
    setPreset: (p: PeriodPreset) => update(presetPeriod(p, now, timeZone)),
    setDate: (key: 'from' | 'to', value: string) => update({ [key]: value || null }),
    setFilter: (key: FilterKey, value: string | null) => update({ [key]: value }),
    clear: () => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, null]))),
    filtered: FILTER_KEYS.some((k) => raw[k]),
  };
}
