import { EmptyState, Paper } from '@mantine/core';
import { IconMessageCircle } from '@tabler/icons-react';
import { PageHeader } from '../../components/PageHeader';

export function ConsolePage() {
  return (
    <>
      <PageHeader title="Agent console" />
      <Paper withBorder p="xl">
        <EmptyState
          icon={<IconMessageCircle />}
          title="Your chats will appear here"
          description="When a visitor starts a chat that is routed to you, it opens in this console."
        />
      </Paper>
    </>
  );
}
