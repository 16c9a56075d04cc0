import { useSearchParams } from 'react-router';
import { UserSort, UserStatus } from '@parley/protocol';
import type { UserFilters } from '../../api/users';

function oneOf<T extends string>(values: Record<string, T>, value: string | null, fallback: T): T {
  return (Object.values(values) as string[]).includes(value ?? '') ? (value as T) : fallback;
}

/** The user list's filters live in the address, so a reload or "back" keeps them. */
export function useUserFilters() {
  const [params, setParams] = useSearchParams();
  const filters: UserFilters = {
    q: params.get('q') ?? undefined,
    groupId: params.get('groupId') ?? undefined,
    campaignId: params.get('campaignId') ?? undefined,
    status: oneOf(UserStatus, params.get('status'), 'active'),
    sort: oneOf(UserSort, params.get('sort'), 'name'),
  };
  const setFilter = (key: keyof UserFilters, value: string | null) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  };
  return { filters, setFilter };
}
