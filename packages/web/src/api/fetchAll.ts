import { api, type Query } from './client';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Every item of a cursor-paginated list, for pickers that need the whole set (groups, active users). */
export async function fetchAll<T>(path: string, query: Query, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.get<Page<T>>(path, { ...query, limit: 200, cursor }, signal);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
