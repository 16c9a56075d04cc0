import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { DEFAULT_PERIOD, viewFromParams, type PeriodChoice, type ViewKey } from './chatFilters';

/** The chat list's view in the address: reading it, and changing one part of it (history replaced, not pushed). */
export function useChatListView() {
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
  const set = (key: ViewKey | 'from' | 'to', value: string | null) =>
    update((next) => (value ? next.set(key, value) : next.delete(key)));
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
  const setSort = (sort: 'asc' | 'desc') =>
    update((next) => (sort === 'asc' ? next.set('sort', 'asc') : next.delete('sort')));
  const clear = () =>
    update((next) =>
      [...next.keys()].forEach((k) => k !== 'period' && k !== 'from' && k !== 'to' && next.delete(k)),
    );
  return { view, search: params.toString(), set, setPeriod, setSort, clear };
}
