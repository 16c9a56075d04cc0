import { useState, type ReactNode } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  CloseButton,
  Group,
  Loader,
  Modal,
  Radio,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Website } from '@livechat/protocol';
import { useWebsites } from '../../api/websites';
import { ErrorBlock } from '../../components/QueryState';
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
  const [adding, setAdding] = useState(false);
  const items = websites.data?.items ?? [];

  const added = (website: Website) => {
    setAdding(false);
    if (!websiteIds.includes(website.id)) onWebsiteIdsChange([...websiteIds, website.id]);
  };

  return (
    <>
      <Radio.Group
        label="Websites"
        value={allWebsites ? 'all' : 'specific'}
        onChange={(v) => onAllWebsitesChange(v === 'all')}
        error={allWebsites ? error : undefined}
      >
        <Group mt="xs" gap="xl" align="flex-start">
          <Radio
            value="all"
            label="All websites"
            description="Every website of your account, also later ones"
          />
          <Radio value="specific" label="Specific websites" description="Only the websites ticked below" />
        </Group>
      </Radio.Group>

      {websites.isPending ? (
        <Loader size="sm" aria-label="Loading websites" />
      ) : websites.isError ? (
        <ErrorBlock error={websites.error} onRetry={() => void websites.refetch()} />
      ) : allWebsites ? (
        <Text size="sm" c="dimmed">
          {items.length === 0
            ? 'Your account has no websites yet.'
            : `This campaign serves ${items.map((w) => w.host).join(', ')}.`}
        </Text>
      ) : items.length === 0 ? (
        <Alert color="yellow" variant="light" title="No websites yet">
          {canAddWebsite ? (
            'Add one with “Add Website” below, or choose “All websites”.'
          ) : (
            <>
              Add one on{' '}
              <Anchor component={Link} to="/your-website" size="sm">
                Your Website
              </Anchor>{' '}
              first, or choose “All websites”.
            </>
          )}
          {error && (
            <Text size="sm" c="red" mt={4}>
              {error}
            </Text>
          )}
        </Alert>
      ) : (
        <Checkbox.Group
          label="Websites of this campaign"
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
            Add Website
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
            aria-label="Close"
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
