import { useEffect, useState } from 'react';
import { Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCampaigns } from '../../api/campaigns';
import { useAllGroups } from '../../api/groups';
import type { UserFilters } from '../../api/users';

interface Props {
  filters: UserFilters;
  setFilter: (key: keyof UserFilters, value: string | null) => void;
}

const statusOptions = [
  { value: 'active', label: 'Active' },
  { value: 'deleted', label: 'Deleted' },
];

export function UserFilterBar({ filters, setFilter }: Props) {
  const groups = useAllGroups();
  const campaigns = useCampaigns();
  const [search, setSearch] = useState(filters.q ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);

  // Only the typed (debounced) text drives this: the address follows the search box, not the other way round.
  useEffect(() => {
    if (debounced !== (filters.q ?? '')) setFilter('q', debounced || null);
  }, [debounced]);

  return (
    <Group align="flex-end" justify="space-between" mb="md" wrap="wrap" gap="sm">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Name or email"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={240}
        />
        <Select
          label="Group"
          placeholder="All groups"
          data={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
          value={filters.groupId ?? null}
          onChange={(value) => setFilter('groupId', value)}
          clearable
          searchable
          nothingFoundMessage="No groups"
          w={200}
        />
        <Select
          label="Campaign"
          placeholder="All campaigns"
          data={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))}
          value={filters.campaignId ?? null}
          onChange={(value) => setFilter('campaignId', value)}
          clearable
          searchable
          nothingFoundMessage="No campaigns"
          w={200}
        />
        <Select
          label="Status"
          data={statusOptions}
          value={filters.status ?? 'active'}
          onChange={(value) => setFilter('status', value === 'active' ? null : value)}
          allowDeselect={false}
          w={140}
        />
      </Group>
      <Button component={Link} to="/users/new" leftSection={<IconPlus size={16} aria-hidden />}>
        Add user
      </Button>
    </Group>
  );
}
