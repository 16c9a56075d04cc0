import { Badge, EmptyState, Paper, Table } from '@mantine/core';
import { IconSpeakerphone } from '@tabler/icons-react';
import { useCampaigns } from '../../api/campaigns';
import { PageHeader } from '../../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';

export function CampaignsPage() {
  const campaigns = useCampaigns();
  return (
    <>
      <PageHeader title="Campaigns" />
      {campaigns.isPending ? (
        <LoadingBlock />
      ) : campaigns.isError ? (
        <ErrorBlock error={campaigns.error} onRetry={() => void campaigns.refetch()} />
      ) : campaigns.data.items.length === 0 ? (
        <Paper withBorder p="xl">
          <EmptyState
            icon={<IconSpeakerphone />}
            title="No campaigns yet"
            description="A campaign sets up the chat window, texts and routing for your websites."
          />
        </Paper>
      ) : (
        <Paper withBorder>
          <Table verticalSpacing="sm" horizontalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Title</Table.Th>
                <Table.Th w={140}>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {campaigns.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td fw={500}>{c.title}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={c.enabled ? 'teal' : 'gray'}>
                      {c.enabled ? 'Enabled' : 'Disabled'}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </>
  );
}
