import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  DEFAULT_PERIOD,
  FILTER_KEYS,
  viewFromParams,
  type FilterKey,
  type PeriodChoice,
} from './chatFilters';

/**
 * The Chats section's filters in the address (chat list and statistics): reading them, and changing one part
 * (history replaced, not pushed). `update` changes anything else of the address (the list's order).
 */
export function useChatFilterView() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => viewFromParams(params), [params]);
  const update = (change: (next: URLSearchParams) => void) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        change(next);
        return next;
      },
      { replace: true },
    );
  const set = (key: FilterKey | 'from' | 'to', value: string | null) =>
    update((next) => {
      if (value) next.set(key, value);
      else next.delete(key);
      // Dates alone mean a custom range; keep it one when a date is cleared.
      if ((key === 'from' || key === 'to') && view.period === 'custom') next.set('period', 'custom');
    });
  const setPeriod = (period: PeriodChoice, range?: { from: string; to: string }) =>
    update((next) => {
      if (period === DEFAULT_PERIOD) next.delete('period');
      else next.set('period', period);
      if (period === 'custom' && range) {
        next.set('from', range.from);
        next.set('to', range.to);
      } else if (period !== 'custom') {
        next.delete('from');
        next.delete('to');
      }
    });
  const clear = () => update((next) => FILTER_KEYS.forEach((key) => next.delete(key)));
  return { view, params, search: params.toString(), set, setPeriod, clear, update };
}

export type ChatFilterViewState = ReturnType<typeof useChatFilterView>;
