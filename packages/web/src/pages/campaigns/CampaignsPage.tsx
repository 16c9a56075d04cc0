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
import { languageNames, type Campaign } from '@parley/protocol';
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
import { useT } from '../../i18n';
import { notifyError, notifySuccess } from '../../lib/notify';
import classes from './Campaigns.module.css';

const stop = (e: { stopPropagation: () => void }) => e.stopPropagation();

function WebsitesCell({ campaign, hosts }: { campaign: Campaign; hosts: Map<string, string> }) {
  const t = useT();
  if (campaign.allWebsites) return <Text size="sm">{t('campaign.allWebsites')}</Text>;
  const names = campaign.websiteIds.flatMap((id) => hosts.get(id) ?? []);
  if (names.length === 0) {
    return (
      <Text size="sm" c="red">
        {t('campaign.noWebsites')}
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
  const t = useT();
  return (
    <Switch
      label={t('campaign.enabled')}
      aria-label={t('campaign.enabledOf', { title: campaign.title })}
      checked={campaign.enabled}
      onChange={(e) => {
        const on = e.currentTarget.checked;
        setEnabled.mutate(
          { id: campaign.id, enabled: on },
          {
            onSuccess: () =>
              notifySuccess(t(on ? 'campaign.isEnabled' : 'campaign.isDisabled', { title: campaign.title })),
            onError: (err) => notifyError(t('campaign.couldNotChange'), err),
          },
        );
      }}
    />
  );
}

function RowActions({ campaign, onDelete }: { campaign: Campaign; onDelete: () => void }) {
  const duplicate = useDuplicateCampaign();
  const t = useT();
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end" onClick={stop}>
      <Tooltip label={t('campaign.duplicate')}>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t('campaign.duplicateOf', { title: campaign.title })}
          loading={duplicate.isPending}
          onClick={() =>
            duplicate.mutate(campaign.id, {
              onSuccess: (copy) => notifySuccess(t('campaign.copied', { title: copy.title })),
              onError: (err) => notifyError(t('campaign.couldNotDuplicate'), err),
            })
          }
        >
          <IconCopy size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('common.delete')}>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={t('campaign.deleteOf', { title: campaign.title })}
          onClick={onDelete}
        >
          <IconTrash size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

/** CMP-1: the campaigns of the account, with "Add Campaign". */
export function CampaignsPage() {
  const navigate = useNavigate();
  const t = useT();
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
        title={t('nav.campaigns')}
        description={t('campaigns.description')}
        actions={
          <Button component={Link} to="/campaigns/new" leftSection={<IconPlus size={16} aria-hidden />}>
            {t('campaigns.add')}
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
            icon={<IconSpeakerphone aria-hidden />}
            title={t('campaigns.none')}
            description={t('campaigns.noneText')}
          />
        ) : (
          <Table.ScrollContainer minWidth={720} type="native">
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('campaign.title')}</Table.Th>
                  <Table.Th>{t('campaign.websites')}</Table.Th>
                  <Table.Th w={140}>{t('campaign.language')}</Table.Th>
                  <Table.Th w={130}>{t('campaigns.status')}</Table.Th>
                  <Table.Th w={100}>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
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
        title={t('campaign.deleteQuestion')}
        confirmLabel={t('campaign.delete')}
        loading={remove.isPending}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifySuccess(t('campaign.deleted', { title: deleting.title }));
              setConfirming(false);
            },
            onError: (err) => notifyError(t('campaign.couldNotDelete'), err),
          });
        }}
      >
        {t('campaign.deleteText', { title: deleting?.title ?? '' })}
        {lastEnabled && ` ${t('campaign.deleteLastEnabled')}`}
      </ConfirmModal>
    </>
  );
}
