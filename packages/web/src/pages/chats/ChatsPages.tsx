import { Badge, EmptyState, Paper } from '@mantine/core';
import { IconChartBar, IconMessages } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { useT, type MessageKey } from '../../i18n';

/** A section that is not built yet says so plainly, and what it will hold (not "No chats yet"). */
function Coming({ title, icon, what }: { title: MessageKey; icon: ReactNode; what: MessageKey }) {
  const t = useT();
  return (
    <>
      <PageHeader title={t(title)} />
      <Paper withBorder p="xl">
        <EmptyState icon={icon} title={t('coming.title')} description={t(what)}>
          <EmptyState.Actions>
            <Badge variant="light" color="gray">
              {t('coming.badge')}
            </Badge>
          </EmptyState.Actions>
        </EmptyState>
      </Paper>
    </>
  );
}

export function ChatsPage() {
  return <Coming title="chats.chats" icon={<IconMessages aria-hidden />} what="coming.chats" />;
}

export function StatisticsPage() {
  return <Coming title="chats.statistics" icon={<IconChartBar aria-hidden />} what="coming.statistics" />;
}
