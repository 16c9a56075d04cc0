import { useState, type ReactNode } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  CloseButton,
  Group,
  Modal,
  Radio,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Website } from '@parley/protocol';
import { useWebsites } from '../../api/websites';
import { ErrorBlock } from '../../components/QueryState';
import { Spinner } from '../../components/Spinner';
import { useT, useRichT } from '../../i18n';
import { AddWebsiteForm } from '../website/AddWebsiteForm';

interface Props {
  allWebsites: boolean;
  onAllWebsitesChange: (all: boolean) => void;
  websiteIds: string[];
  onWebsiteIdsChange: (ids: string[]) => void;
  error?: ReactNode;
  /** The General tab has "Add Website" at the bottom; "Add Campaign" does not (handbook). */
  canAddWebsite: boolean;
}

/** CMP-3: the campaign serves all websites of the account, or the ticked ones. */
export function WebsitesField({
  allWebsites,
  onAllWebsitesChange,
  websiteIds,
  onWebsiteIdsChange,
  error,
  canAddWebsite,
}: Props) {
  const websites = useWebsites();
  const t = useT();
  const rich = useRichT();
  const [adding, setAdding] = useState(false);
  const items = websites.data?.items ?? [];

  const added = (website: Website) => {
    setAdding(false);
    if (!websiteIds.includes(website.id)) onWebsiteIdsChange([...websiteIds, website.id]);
  };

  return (
    <>
      <Radio.Group
        label={t('campaign.websites')}
        value={allWebsites ? 'all' : 'specific'}
        onChange={(v) => onAllWebsitesChange(v === 'all')}
        error={allWebsites ? error : undefined}
      >
        <Group mt="xs" gap="xl" align="flex-start">
          <Radio value="all" label={t('campaign.allWebsites')} description={t('campaign.allWebsitesHint')} />
          <Radio
            value="specific"
            label={t('campaign.specificWebsites')}
            description={t('campaign.specificWebsitesHint')}
          />
        </Group>
      </Radio.Group>

      {websites.isPending ? (
        <Spinner label={t('campaign.loadingWebsites')} />
      ) : websites.isError ? (
        <ErrorBlock error={websites.error} onRetry={() => void websites.refetch()} />
      ) : allWebsites ? (
        <Text size="sm" c="dimmed">
          {items.length === 0
            ? t('campaign.noWebsitesYet')
            : t('campaign.serves', { hosts: items.map((w) => w.host).join(', ') })}
        </Text>
      ) : items.length === 0 ? (
        <Alert color="yellow" variant="light" title={t('campaign.noWebsitesTitle')}>
          {canAddWebsite
            ? t('campaign.addWebsiteBelow')
            : rich('campaign.addWebsiteFirst', {
                link: (chunks) => (
                  <Anchor component={Link} to="/your-website" size="sm" underline="always">
                    {chunks}
                  </Anchor>
                ),
              })}
          {error && (
            <Text size="sm" c="red" mt={4}>
              {error}
            </Text>
          )}
        </Alert>
      ) : (
        <Checkbox.Group
          label={t('campaign.websitesOfCampaign')}
          value={websiteIds}
          onChange={onWebsiteIdsChange}
          error={error}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
            {items.map((w) => (
              <Checkbox key={w.id} value={w.id} label={w.host} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
      )}

      {canAddWebsite && (
        <Group>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setAdding(true)}
          >
            {t('campaign.addWebsite')}
          </Button>
        </Group>
      )}

      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        withCloseButton={false}
        padding={0}
        size="auto"
        centered
      >
        {/*
          The modal is portalled out of the campaign form in the page, but React events still bubble along the
          component tree: without this the website form's submit would also save the campaign.
        */}
        <Stack pos="relative" onSubmit={(e) => e.stopPropagation()}>
          <CloseButton
            aria-label={t('common.close')}
            pos="absolute"
            top={12}
            right={12}
            onClick={() => setAdding(false)}
          />
          <AddWebsiteForm onAdded={added} />
        </Stack>
      </Modal>
    </>
  );
}
