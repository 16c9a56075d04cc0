import { Button, Group, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { ChatStatus, ChatType, Participants, type PeriodPreset, type Statistics } from '@parley/protocol';
import { useCampaigns } from '../../../api/campaigns';
import { useActiveUsers } from '../../../api/users';
import { useT, type MessageKey } from '../../../i18n';
import { fullName } from '../../../lib/format';
import { PRESETS, type FilterKey, type useStatisticsFilters } from './useStatisticsFilters';

type Filters = ReturnType<typeof useStatisticsFilters>;

/**
 * The filter bar of the statistics: the period (presets or two dates) and the chat list's filters, each a
 * labelled control; every change goes to the address.
 */
export function StatisticsFilters({
  filters,
  codes,
}: {
  filters: Filters;
  codes: Statistics['successCodes']['codes'];
}) {
  const t = useT();
  const users = useActiveUsers();
  const campaigns = useCampaigns();
  const { values } = filters;
  const select = (key: FilterKey, label: MessageKey, data: { value: string; label: string }[]) => (
    <Select
      label={t(label)}
      placeholder={t('stats.any')}
      data={data}
      value={values[key] ?? null}
      onChange={(v) => filters.setFilter(key, v)}
      clearable
      searchable={data.length > 8}
      comboboxProps={{ withinPortal: true }}
    />
  );
  const options = <T extends string>(all: Record<string, T>, prefix: string) =>
    Object.values(all).map((v) => ({ value: v, label: t(`${prefix}.${v}` as MessageKey) }));
  // Codes come from the figures (codes used in the period); the chosen one stays listed.
  const codeOptions = codes.map((c) => ({ value: c.codeId, label: `${c.name} · ${c.campaignTitle}` }));
  if (values.successCodeId && !codeOptions.some((o) => o.value === values.successCodeId)) {
    codeOptions.push({ value: values.successCodeId, label: values.successCodeId });
  }
  return (
    <Paper withBorder p="md" mb="lg" component="section" aria-label={t('stats.filters')}>
      <Group align="flex-end" gap="sm" mb="sm" wrap="wrap">
        <Select
          label={t('stats.period')}
          data={[...PRESETS, 'custom'].map((p) => ({
            value: p,
            label: t(`stats.preset.${p}` as MessageKey),
          }))}
          value={filters.preset}
          onChange={(v) => v && v !== 'custom' && filters.setPreset(v as PeriodPreset)}
          allowDeselect={false}
          w={180}
        />
        <TextInput
          type="date"
          label={t('stats.from')}
          value={values.from}
          onChange={(e) => filters.setDate('from', e.currentTarget.value)}
          w={170}
        />
        <TextInput
          type="date"
          label={t('stats.to')}
          value={values.to}
          onChange={(e) => filters.setDate('to', e.currentTarget.value)}
          error={filters.filter ? undefined : t('stats.badPeriod')}
          w={170}
        />
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        {select(
          'agentId',
          'stats.agent',
          (users.data ?? []).map((u) => ({ value: u.id, label: fullName(u) })),
        )}
        {select(
          'campaignId',
          'stats.campaign',
          (campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.title })),
        )}
        {select('successCodeId', 'stats.successCode', codeOptions)}
        {select('participants', 'stats.participants', options(Participants, 'stats.participants'))}
        {select('type', 'stats.type', options(ChatType, 'stats.type'))}
        {select('status', 'stats.status', options(ChatStatus, 'stats.status'))}
      </SimpleGrid>
      {filters.filtered && (
        <Button variant="subtle" size="xs" mt="sm" onClick={filters.clear}>
          {t('stats.clearFilters')}
        </Button>
      )}
    </Paper>
  );
}
