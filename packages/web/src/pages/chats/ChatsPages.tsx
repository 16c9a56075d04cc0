import { EmptyState, Paper } from '@mantine/core';
import { IconChartBar, IconFileExport, IconMessages } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { PageHeader } from '../../components/PageHeader';

function Section({
  title,
  icon,
  empty,
  hint,
}: {
  title: string;
  icon: ReactNode;
  empty: string;
  hint: string;
}) {
  return (
    <>
      <PageHeader title={title} />
      <Paper withBorder p="xl">
        <EmptyState icon={icon} title={empty} description={hint} />
      </Paper>
    </>
  );
}

export function ChatsPage() {
  return (
    <Section
      title="Chats"
      icon={<IconMessages />}
      empty="No chats yet"
      hint="Chats your agents have handled will be listed here."
    />
  );
}

export function StatisticsPage() {
  return (
    <Section
      title="Statistics"
      icon={<IconChartBar />}
      empty="No statistics yet"
      hint="Statistics are calculated from handled chats."
    />
  );
}

export function ExportsPage() {
  return (
    <Section
      title="Exports"
      icon={<IconFileExport />}
      empty="No reports to export yet"
      hint="Reports become available once there are chats and agent activity to report on."
    />
  );
}
