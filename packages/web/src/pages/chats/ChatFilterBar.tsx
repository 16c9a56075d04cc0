import { Button, Group, Select } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useChatFilterOptions } from '../../api/chats';
import { useAuth } from '../../auth/AuthContext';
import { useT } from '../../i18n';
import { hasFilters } from './chatFilters';
import { PeriodFields } from './PeriodFields';
import type { ChatFilterViewState } from './useChatFilterView';

/**
 * The Chats section's filters (CHT-1) as drop-down menus at the top of the chat list and of the statistics, as
 * the handbook has them: one filter bar for both, each change in the address.
 */
export function ChatFilterBar({ filters }: { filters: ChatFilterViewState }) {
  const t = useT();
  const timeZone = useAuth().account.timeZone;
  const options = useChatFilterOptions().data;
  const { view, set, setPeriod, clear } = filters;
  const codesByCampaign = new Map<string, { value: string; label: string }[]>();
  for (const c of options?.successCodes ?? []) {
    const list = codesByCampaign.get(c.campaignName) ?? [];
    list.push({ value: c.id, label: c.name });
    codesByCampaign.set(c.campaignName, list);
  }
  const common = { clearable: true, w: 165, comboboxProps: { withinPortal: true } } as const;
  return (
    <Group align="flex-end" gap="sm" wrap="wrap" mb="md" role="search" aria-label={t('chatList.filters')}>
      <PeriodFields value={view} timeZone={timeZone} onPeriod={setPeriod} onDate={set} />
      <Select
        {...common}
        label={t('chatList.agent')}
        placeholder={t('chatList.allAgents')}
        data={(options?.agents ?? []).map((a) => ({
          value: a.id,
          label: a.deleted ? t('chatList.deletedAgent', { name: a.name }) : a.name,
        }))}
        value={view.agentId}
        onChange={(v) => set('agentId', v)}
        searchable
        nothingFoundMessage={t('chatList.nothingFound')}
      />
      <Select
        {...common}
        label={t('chatList.successCode')}
        placeholder={
          options && options.successCodes.length === 0 ? t('chatList.noCodes') : t('chatList.allCodes')
        }
        data={[...codesByCampaign].map(([group, items]) => ({ group, items }))}
        w={185}
        value={view.successCodeId}
        onChange={(v) => set('successCodeId', v)}
        disabled={options !== undefined && options.successCodes.length === 0 && !view.successCodeId}
        searchable
        nothingFoundMessage={t('chatList.nothingFound')}
      />
      <Select
        {...common}
        label={t('chatList.participants')}
        placeholder={t('chatList.anyone')}
        data={[
          { value: 'visitor_only', label: t('chatList.visitorOnly') },
          { value: 'one_agent', label: t('chatList.oneAgent') },
          { value: 'several_agents', label: t('chatList.severalAgents') },
        ]}
        value={view.participants}
        onChange={(v) => set('participants', v)}
      />
      <Select
        {...common}
        label={t('chatList.campaign')}
        placeholder={t('chatList.allCampaigns')}
        data={(options?.campaigns ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={view.campaignId}
        onChange={(v) => set('campaignId', v)}
        searchable
        nothingFoundMessage={t('chatList.nothingFound')}
      />
      <Select
        {...common}
        w={180}
        label={t('chatList.type')}
        placeholder={t('chatList.allTypes')}
        data={[
          { value: 'live', label: t('chatList.type.live') },
          { value: 'nrt', label: t('chatList.type.nrt') },
          { value: 'offline', label: t('chatList.type.offline') },
        ]}
        value={view.type}
        onChange={(v) => set('type', v)}
      />
      <Select
        {...common}
        w={150}
        label={t('chatList.status')}
        placeholder={t('chatList.allStatuses')}
        data={[
          { value: 'queued', label: t('chatList.status.queued') },
          { value: 'active', label: t('chatList.status.active') },
          { value: 'closed', label: t('chatList.status.closed') },
        ]}
        value={view.status}
        onChange={(v) => set('status', v)}
      />
      {hasFilters(view) && (
        <Button variant="subtle" leftSection={<IconFilterOff size={16} aria-hidden />} onClick={clear}>
          {t('chatList.clearFilters')}
        </Button>
      )}
    </Group>
  );
}
