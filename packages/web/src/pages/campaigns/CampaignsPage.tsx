import { useState } from 'react';
import {
  ActionIcon,
  Anchor,
  Button,
  EmptyState,
  Group,
  Paper,
  Switch,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconCopy, IconPlus, IconSpeakerphone, IconTrash } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { languageNames, type Campaign } from '@livechat/protocol';
import {
  useCampaignList,
  useDeleteCampaign,
  useDuplicateCampaign,
  useSetCampaignEnabled,
} from '../../api/campaigns';
import { useWebsites } from '../../api/websites';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PageHeader } from '../../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { notifyError, notifySuccess } from '../../lib/notify';
import classes from './Campaigns.module.css';

const stop = (e: { stopPropagation: () => void }) => e.stopPropagation();

function WebsitesCell({ campaign, hosts }: { campaign: Campaign; hosts: Map<string, string> }) {
  if (campaign.allWebsites) return <Text size="sm">All websites</Text>;
  const names = campaign.websiteIds.flatMap((id) => hosts.get(id) ?? []);
  if (names.length === 0) {
    return (
      <Text size="sm" c="red">
        No websites
      </Text>
    );
  }
  return (
    <Text size="sm" lineClamp={2} title={names.join(', ')}>
      {names.join(', ')}
    </Text>
  );
}

function EnabledSwitch({ campaign }: { campaign: Campaign }) {
  const setEnabled = useSetCampaignEnabled();
  return (
    <Switch
      label="Enabled"
      checked={campaign.enabled}
      onChange={(e) => {
        const on = e.currentTarget.checked;
        setEnabled.mutate(
          { id: campaign.id, enabled: on },
          {
            onSuccess: () => notifySuccess(`${campaign.title} is ${on ? 'enabled' : 'disabled'}`),
            onError: (err) => notifyError('Could not change the campaign', err),
          },
        );
      }}
    />
  );
}

function RowActions({ campaign, onDelete }: { campaign: Campaign; onDelete: () => void }) {
  const duplicate = useDuplicateCampaign();
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end" onClick={stop}>
      <Tooltip label="Duplicate">
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={`Duplicate ${campaign.title}`}
          loading={duplicate.isPending}
          onClick={() =>
            duplicate.mutate(campaign.id, {
              onSuccess: (copy) => notifySuccess(`Copied as “${copy.title}”; the copy is disabled`),
              onError: (err) => notifyError('Could not duplicate the campaign', err),
            })
          }
        >
          <IconCopy size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Delete">
        <ActionIcon variant="subtle" color="red" aria-label={`Delete ${campaign.title}`} onClick={onDelete}>
          <IconTrash size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

/** CMP-1: the campaigns of the account, with "Add Campaign". */
export function CampaignsPage() {
  const navigate = useNavigate();
  const campaigns = useCampaignList();
  const websites = useWebsites();
  const remove = useDeleteCampaign();
  const [deleting, setDeleting] = useState<Campaign | null>(null);
  // Kept while the dialog closes, so its text does not go blank during the transition.
  const [confirming, setConfirming] = useState(false);
  const hosts = new Map((websites.data?.items ?? []).map((w) => [w.id, w.host]));
  const items = campaigns.data?.items ?? [];
  const lastEnabled = deleting?.enabled === true && items.filter((c) => c.enabled).length === 1;

  return (
    <>
      <PageHeader
        title="Campaigns"
        description="A campaign sets up the chat on your websites: the chat window, its texts and who answers."
        actions={
          <Button component={Link} to="/campaigns/new" leftSection={<IconPlus size={16} aria-hidden />}>
            Add Campaign
          </Button>
        }
      />
      <Paper withBorder>
        {campaigns.isPending ? (
          <LoadingBlock />
        ) : campaigns.isError ? (
          <ErrorBlock error={campaigns.error} onRetry={() => void campaigns.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState
            py="xl"
            icon={<IconSpeakerphone />}
            title="No campaigns yet"
            description="Without an enabled campaign your websites show no chat. Add one to set up the chat window, its texts and who answers."
          />
        ) : (
          <Table.ScrollContainer minWidth={720} type="native">
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Title</Table.Th>
                  <Table.Th>Websites</Table.Th>
                  <Table.Th w={140}>Language</Table.Th>
                  <Table.Th w={130}>Status</Table.Th>
                  <Table.Th w={100}>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((c) => (
                  <Table.Tr
                    key={c.id}
                    className={classes.row}
                    onClick={() => void navigate(`/campaigns/${c.id}/general`)}
                  >
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/campaigns/${c.id}/general`}
                        onClick={stop}
                        fw={500}
                        size="sm"
                        c="var(--mantine-color-text)"
                      >
                        {c.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <WebsitesCell campaign={c} hosts={hosts} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{languageNames[c.language]}</Text>
                    </Table.Td>
                    <Table.Td>
                      {/* The whole switch, label included, must not open the campaign. */}
                      <div onClick={stop}>
                        <EnabledSwitch campaign={c} />
                      </div>
                    </Table.Td>
                    <Table.Td>
                      <RowActions
                        campaign={c}
                        onDelete={() => {
                          setDeleting(c);
                          setConfirming(true);
                        }}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Delete campaign?"
        confirmLabel="Delete campaign"
        loading={remove.isPending}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifySuccess(`${deleting.title} is deleted`);
              setConfirming(false);
            },
            onError: (err) => notifyError('Could not delete the campaign', err),
          });
        }}
      >
        “{deleting?.title}” and its settings will be deleted. Its chats stay in the reports, without a
        campaign.
        {lastEnabled &&
          ' It is your only enabled campaign: your websites will show no chat until you enable another.'}
      </ConfirmModal>
    </>
  );
}
