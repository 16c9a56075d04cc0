import { EmptyState, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import type { Statistics } from '@parley/protocol';
import { useStatistics } from '../../../api/statistics';
import { useAuth } from '../../../auth/AuthContext';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { ChatFilterBar } from '../ChatFilterBar';
import { chatFilter, hasFilters } from '../chatFilters';
import { useChatFilterView } from '../useChatFilterView';
import { ChartCard } from './ChartCard';
import { formatDuration, formatPercent } from './format';

/** A local date `YYYY-MM-DD` as the language writes it (no time zone shift: it is a calendar date). */
function useLocalDate() {
  const intl = useIntl();
  return (date: string, style: 'short' | 'long' = 'short') =>
    intl.formatDate(new Date(`${date}T12:00:00Z`), {
      timeZone: 'UTC',
      ...(style === 'short' ? { day: 'numeric', month: 'short' } : { dateStyle: 'medium' }),
    });
}

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed" component="h2" fw={500} m={0}>
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.3}>
        {value}
      </Text>
      {detail && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </Paper>
  );
}

/** STA-1…9: the account's chats of a period as figures and charts, with the chat list's filter bar. */
export function StatisticsPage() {
  const t = useT();
  const timeZone = useAuth().account.timeZone;
  const filterView = useChatFilterView();
  const { view } = filterView;
  // "Today" is read when the view changes, as on the chat list.
  const filter = useMemo(() => chatFilter(view, new Date(), timeZone), [view, timeZone]);
  const query = useStatistics(filter);
  const data = query.data;
  return (
    <>
      <PageHeader title={t('chats.statistics')} description={t('stats.description', { timeZone })} />
      <ChatFilterBar filters={filterView} />
      {filter === null ? (
        <Paper withBorder>
          <EmptyState py="xl" icon={<IconChartBar aria-hidden />} title={t('chatList.chooseDates')} />
        </Paper>
      ) : query.isError ? (
        <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />
      ) : !data ? (
        <LoadingBlock />
      ) : (
        <div aria-busy={query.isFetching} aria-live="polite">
          <Figures data={data} filtered={hasFilters(view)} />
        </div>
      )}
    </>
  );
}

function Figures({ data, filtered }: { data: Statistics; filtered: boolean }) {
  const t = useT();
  const intl = useIntl();
  const localDate = useLocalDate();
  const n = (v: number) => intl.formatNumber(v);
  const pct = (v: number | null) => formatPercent(intl, v);
  if (data.total === 0) {
    const values = { from: localDate(data.period.from, 'long'), to: localDate(data.period.to, 'long') };
    return (
      <Paper withBorder p="xl">
        <EmptyState
          icon={<IconChartBar aria-hidden />}
          title={t('stats.empty.title')}
          description={t(filtered ? 'stats.empty.filtered' : 'stats.empty.period', values)}
        />
      </Paper>
    );
  }
  const { satisfaction: sat, proactive, successCodes, goals } = data;
  const money = (v: string) => intl.formatNumber(Number(v), { maximumFractionDigits: 4 });
  const ofChats = (count: number) => t('stats.ofChats', { count });
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        <Figure label={t('stats.total')} value={n(data.total)} />
        <Figure
          label={t('stats.proactive')}
          value={`${pct(proactive.proactivePercent)} / ${pct(proactive.reactivePercent)}`}
          detail={t('stats.proactiveOf', {
            proactive: n(proactive.proactive),
            reactive: n(proactive.reactive),
          })}
        />
        <Figure
          label={t('stats.averageDuration')}
          value={formatDuration(intl, data.averageDuration.seconds)}
          detail={data.averageDuration.chats ? ofChats(data.averageDuration.chats) : t('stats.noAverage')}
        />
        <Figure
          label={t('stats.averageFirstResponse')}
          value={formatDuration(intl, data.averageFirstResponse.seconds)}
          detail={
            data.averageFirstResponse.chats ? ofChats(data.averageFirstResponse.chats) : t('stats.noAverage')
          }
        />
      </SimpleGrid>
      <ChartCard
        title={t('stats.perDay')}
        labelHeader={t('stats.date')}
        valueHeader={t('stats.chats')}
        rows={data.perDay.map((d) => ({ label: localDate(d.date), value: d.chats }))}
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <ChartCard
          title={t('stats.perHour')}
          labelHeader={t('stats.hour')}
          valueHeader={t('stats.chats')}
          rows={data.perHour.map((h) => ({ label: String(h.hour).padStart(2, '0'), value: h.chats }))}
        />
        <ChartCard
          title={t('stats.satisfaction')}
          labelHeader={t('stats.rating')}
          valueHeader={t('stats.chats')}
          noteHeader={t('stats.share')}
          rows={sat.ratings.map((r) => ({
            label: t('stats.stars', { rating: r.rating }),
            value: r.chats,
            note: pct(r.percent),
          }))}
          empty={sat.rated ? null : t('stats.empty.ratings')}
          footer={
            <Text size="sm" mt="xs">
              {t('stats.averageRating')}:{' '}
              <b>{sat.average === null ? t('stats.none') : intl.formatNumber(sat.average)}</b>
              {' · '}
              {t('stats.rated', { rated: n(sat.rated), total: n(data.total) })}
            </Text>
          }
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <ChartCard
          title={t('stats.perAgent')}
          labelHeader={t('stats.agent')}
          valueHeader={t('stats.chats')}
          noteHeader={t('stats.share')}
          horizontal
          rows={data.perAgent.map((a) => ({
            label: a.deleted ? t('stats.deleted', { name: a.name }) : a.name,
            value: a.chats,
            note: pct(a.percent),
          }))}
          empty={data.perAgent.length ? null : t('stats.empty.agents')}
          footer={
            data.unassigned > 0 && (
              <Text size="xs" c="dimmed" mt="xs">
                {t('stats.unassigned', { count: data.unassigned })}
              </Text>
            )
          }
        />
        <ChartCard
          title={t('stats.successCodes')}
          labelHeader={t('stats.code')}
          valueHeader={t('stats.chats')}
          noteHeader={t('stats.share')}
          horizontal
          rows={successCodes.codes.map((c) => ({
            label: `${c.name} · ${c.campaignTitle}`,
            value: c.chats,
            note: pct(c.percent),
          }))}
          empty={successCodes.codes.length ? null : t('stats.empty.codes')}
          footer={
            successCodes.codedChats > 0 && (
              <Text size="xs" c="dimmed" mt="xs">
                {t('stats.coded', {
                  coded: n(successCodes.codedChats),
                  total: n(data.total),
                  percent: pct(successCodes.codedPercent),
                })}
              </Text>
            )
          }
        />
      </SimpleGrid>
      {/* GOL-3, GOL-4: chats that led to a goal in their visit, and the revenue. */}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <ChartCard
          title={t('stats.goals')}
          labelHeader={t('stats.goal')}
          valueHeader={t('stats.chats')}
          noteHeader={t('stats.revenue')}
          horizontal
          rows={goals.perGoal.map((g) => ({ label: g.title, value: g.chats, note: money(g.revenue) }))}
          empty={goals.perGoal.length ? null : t('stats.empty.goals')}
          footer={
            goals.goalChats > 0 && (
              <Text size="xs" c="dimmed" mt="xs">
                {t('stats.goalChats', {
                  chats: n(goals.goalChats),
                  total: n(data.total),
                  percent: pct(goals.conversionPercent),
                  revenue: money(goals.revenue),
                })}
              </Text>
            )
          }
        />
        <ChartCard
          title={t('stats.goalsPerAgent')}
          labelHeader={t('stats.agent')}
          valueHeader={t('stats.chats')}
          noteHeader={t('stats.conversionRevenue')}
          horizontal
          rows={goals.perAgent.map((a) => ({
            label: a.name,
            value: a.goalChats,
            note: `${pct(a.conversionPercent)} · ${money(a.revenue)}`,
          }))}
          empty={goals.perAgent.length ? null : t('stats.empty.goals')}
        />
      </SimpleGrid>
    </Stack>
  );
}
