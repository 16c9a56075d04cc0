import { useEffect, useState } from 'react';
import { Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCampaigns } from '../../api/campaigns';
import { useAllGroups } from '../../api/groups';
import type { UserFilters } from '../../api/users';
import { useT } from '../../i18n';

interface Props {
  filters: UserFilters;
  setFilter: (key: keyof UserFilters, value: string | null) => void;
}

export function UserFilterBar({ filters, setFilter }: Props) {
  const t = useT();
  const statusOptions = [
    { value: 'active', label: t('users.active') },
    { value: 'deleted', label: t('users.deleted') },
  ];
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
          label={t('common.search')}
          placeholder={t('users.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={240}
        />
        <Select
          label={t('users.group')}
          placeholder={t('users.allGroups')}
          data={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
          value={filters.groupId ?? null}
          onChange={(value) => setFilter('groupId', value)}
          clearable
          searchable
          nothingFoundMessage={t('users.noGroupsFound')}
          w={200}
        />
        <Select
          label={t('users.campaign')}
          placeholder={t('users.allCampaigns')}
          data={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))}
          value={filters.campaignId ?? null}
          onChange={(value) => setFilter('campaignId', value)}
          clearable
          searchable
          nothingFoundMessage={t('users.noCampaignsFound')}
          w={200}
        />
        <Select
          label={t('users.status')}
          data={statusOptions}
          value={filters.status ?? 'active'}
          onChange={(value) => setFilter('status', value === 'active' ? null : value)}
          allowDeselect={false}
          w={140}
        />
      </Group>
      <Button component={Link} to="/users/new" leftSection={<IconPlus size={16} aria-hidden />}>
        {t('users.add')}
      </Button>
    </Group>
  );
}
