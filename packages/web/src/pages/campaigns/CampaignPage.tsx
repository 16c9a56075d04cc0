import { useState } from 'react';
import { Anchor, Breadcrumbs, Button, Group, ScrollArea, Switch, Tabs, Text, Title } from '@mantine/core';
import { IconCopy, IconTrash } from '@tabler/icons-react';
import { Link, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import type { Campaign } from '@parley/protocol';
import {
  useCampaign,
  useDeleteCampaign,
  useDuplicateCampaign,
  useSetCampaignEnabled,
} from '../../api/campaigns';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { usePageTitle } from '../../lib/page';
import { campaignTabs } from './tabs';

function CampaignHeader({ campaign }: { campaign: Campaign }) {
  const navigate = useNavigate();
  const t = useT();
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
          {t('campaign.added', { date: formatDate(campaign.createdAt) })}
        </Text>
      </div>
      <Group gap="md">
        <Switch
          label={t('campaign.enabled')}
          checked={enabled}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            setEnabled.mutate(
              { id: campaign.id, enabled: on },
              {
                onSuccess: () =>
                  notifySuccess(
                    t(on ? 'campaign.isEnabled' : 'campaign.isDisabled', { title: campaign.title }),
                  ),
                onError: (err) => notifyError(t('campaign.couldNotChange'), err),
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
                notifySuccess(t('campaign.copied', { title: copy.title }));
                void navigate(`/campaigns/${copy.id}/general`);
              },
              onError: (err) => notifyError(t('campaign.couldNotDuplicate'), err),
            })
          }
        >
          {t('campaign.duplicate')}
        </Button>
        <Button
          variant="outline"
          color="red"
          leftSection={<IconTrash size={16} aria-hidden />}
          onClick={() => setConfirming(true)}
        >
          {t('campaign.delete')}
        </Button>
      </Group>
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('campaign.deleteQuestion')}
        confirmLabel={t('campaign.delete')}
        loading={remove.isPending}
        onConfirm={() =>
          remove.mutate(campaign.id, {
            onSuccess: () => {
              setConfirming(false);
              notifySuccess(t('campaign.deleted', { title: campaign.title }));
              void navigate('/campaigns', { replace: true });
            },
            onError: (err) => notifyError(t('campaign.couldNotDelete'), err),
          })
        }
      >
        {t('campaign.deleteText', { title: campaign.title })}
      </ConfirmModal>
    </Group>
  );
}

/** A campaign with its tabs (handbook: General, Automatic Invites, Chat buttons, Routing, Tools, Goals, Follow-ups). */
export function CampaignPage() {
  const { id = '' } = useParams();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const t = useT();
  const campaign = useCampaign(id);
  const segment = pathname.split('/')[3] ?? '';
  const tab = campaignTabs.find((c) => c.path === segment) ?? campaignTabs[0]!;
  usePageTitle(campaign.data ? `${t(tab.label)} · ${campaign.data.title}` : t('nav.campaigns'));

  return (
    <>
      <Breadcrumbs mb="xs" component="nav" aria-label={t('common.breadcrumbs')}>
        <Anchor component={Link} to="/campaigns" size="sm">
          {t('nav.campaigns')}
        </Anchor>
        <span>{campaign.data?.title ?? t('campaign.campaign')}</span>
      </Breadcrumbs>
      {campaign.isPending ? (
        <LoadingBlock />
      ) : campaign.isError ? (
        <ErrorBlock error={campaign.error} onRetry={() => void campaign.refetch()} />
      ) : (
        <>
          <CampaignHeader campaign={campaign.data} />
          <Tabs
            value={tab.path}
            onChange={(value) => value && void navigate(`/campaigns/${encodeURIComponent(id)}/${value}`)}
            keepMounted={false}
          >
            {/* On a phone the seven tabs scroll sideways instead of widening the page. */}
            <ScrollArea type="auto" scrollbars="x" mb="lg" offsetScrollbars>
              <Tabs.List style={{ flexWrap: 'nowrap' }}>
                {campaignTabs.map(({ path, label, icon: Icon }) => (
                  <Tabs.Tab key={path} value={path} leftSection={<Icon size={16} aria-hidden />}>
                    {t(label)}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
            </ScrollArea>
            {/* Keyed: after "Duplicate" the same tab shows another campaign, with a fresh form. */}
            <Tabs.Panel value={tab.path} key={campaign.data.id}>
              <Outlet context={campaign.data} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </>
  );
}
