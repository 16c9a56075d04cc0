import { useState } from 'react';
import { Anchor, Breadcrumbs, Button, Group, Switch, Tabs, Text, Title } from '@mantine/core';
import { IconCopy, IconTrash } from '@tabler/icons-react';
import { Link, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import type { Campaign } from '@livechat/protocol';
import {
  useCampaign,
  useDeleteCampaign,
  useDuplicateCampaign,
  useSetCampaignEnabled,
} from '../../api/campaigns';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { formatDate } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { campaignTabs } from './tabs';

function CampaignHeader({ campaign }: { campaign: Campaign }) {
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const setEnabled = useSetCampaignEnabled();
  const duplicate = useDuplicateCampaign();
  const remove = useDeleteCampaign();
  const enabled = setEnabled.isPending ? setEnabled.variables.enabled : campaign.enabled;

  return (
    <Group justify="space-between" align="flex-start" mb="lg" gap="md">
      <div>
        <Title order={1} size="h2">
          {campaign.title}
        </Title>
        <Text c="dimmed" size="sm">
          Added {formatDate(campaign.createdAt)}
        </Text>
      </div>
      <Group gap="md">
        <Switch
          label="Enabled"
          checked={enabled}
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
        <Button
          variant="default"
          leftSection={<IconCopy size={16} aria-hidden />}
          loading={duplicate.isPending}
          onClick={() =>
            duplicate.mutate(campaign.id, {
              onSuccess: (copy) => {
                notifySuccess(`Copied as “${copy.title}”; the copy is disabled`);
                void navigate(`/campaigns/${copy.id}/general`);
              },
              onError: (err) => notifyError('Could not duplicate the campaign', err),
            })
          }
        >
          Duplicate
        </Button>
        <Button
          variant="outline"
          color="red"
          leftSection={<IconTrash size={16} aria-hidden />}
          onClick={() => setConfirming(true)}
        >
          Delete campaign
        </Button>
      </Group>
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Delete campaign?"
        confirmLabel="Delete campaign"
        loading={remove.isPending}
        onConfirm={() =>
          remove.mutate(campaign.id, {
            onSuccess: () => {
              setConfirming(false);
              notifySuccess(`${campaign.title} is deleted`);
              void navigate('/campaigns', { replace: true });
            },
            onError: (err) => notifyError('Could not delete the campaign', err),
          })
        }
      >
        “{campaign.title}” and its settings will be deleted. Its chats stay in the reports, without a
        campaign.
      </ConfirmModal>
    </Group>
  );
}

/** A campaign with its tabs (handbook: General, Automatic Invites, Chat buttons, Routing, Tools, Goals, Follow-ups). */
export function CampaignPage() {
  const { id = '' } = useParams();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const campaign = useCampaign(id);
  const segment = pathname.split('/')[3] ?? '';
  const tab = campaignTabs.some((t) => t.path === segment) ? segment : 'general';

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/campaigns" size="sm">
          Campaigns
        </Anchor>
        <span>{campaign.data?.title ?? 'Campaign'}</span>
      </Breadcrumbs>
      {campaign.isPending ? (
        <LoadingBlock />
      ) : campaign.isError ? (
        <ErrorBlock error={campaign.error} onRetry={() => void campaign.refetch()} />
      ) : (
        <>
          <CampaignHeader campaign={campaign.data} />
          <Tabs
            value={tab}
            onChange={(value) => value && void navigate(`/campaigns/${encodeURIComponent(id)}/${value}`)}
            keepMounted={false}
          >
            <Tabs.List mb="lg">
              {campaignTabs.map(({ path, label, icon: Icon }) => (
                <Tabs.Tab key={path} value={path} leftSection={<Icon size={16} aria-hidden />}>
                  {label}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {/* Keyed: after "Duplicate" the same tab shows another campaign, with a fresh form. */}
            <Tabs.Panel value={tab} key={campaign.data.id}>
              <Outlet context={campaign.data} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </>
  );
}
