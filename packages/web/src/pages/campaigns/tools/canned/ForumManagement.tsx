import { useState } from 'react';
import { Anchor, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { CannedForumInput } from '@parley/protocol';
import { useCannedForums, useCreateCannedForum } from '../../../../api/cannedResponses';
import { ErrorBlock, LoadingBlock } from '../../../../components/QueryState';
import { SubmitButton } from '../../../../components/SubmitButton';
import { useT } from '../../../../i18n';
import { submitSettings } from '../../../../lib/forms';
import { useCampaignOfPage } from '../../campaignContext';
import { BackLink } from '../CannedResponsesSettings';

/** TLS-4 "Forum management": the account's forums (add one; select one to see and edit its Q&As). */
export function ForumManagement() {
  const t = useT();
  const campaign = useCampaignOfPage();
  const forums = useCannedForums();
  const create = useCreateCannedForum();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | undefined>();
  const base = `/campaigns/${encodeURIComponent(campaign.id)}/tools/canned-responses`;

  const add = submitSettings({
    schema: CannedForumInput,
    input: () => ({ title }),
    save: (input) => create.mutateAsync(input.title),
    saved: () => setTitle(''),
    setErrors: (fields) => setError(fields.title),
    savedText: t('canned.forumAdded', { title: title.trim() }),
    failedTitle: t('canned.couldNotAddForum'),
  });

  return (
    <Stack gap="md" maw={760}>
      <BackLink to={base}>{t('canned.backToSettings')}</BackLink>
      <div>
        <Title order={2} size="h3">
          {t('canned.forumManagement')}
        </Title>
        <Text c="dimmed" size="sm" mt={2}>
          {t('canned.forumManagementText')}
        </Text>
      </div>
      <Paper withBorder p="lg">
        {forums.isPending ? (
          <LoadingBlock />
        ) : forums.isError ? (
          <ErrorBlock error={forums.error} onRetry={() => void forums.refetch()} />
        ) : forums.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('canned.noForums')}
          </Text>
        ) : (
          <Stack
            component="ul"
            gap={0}
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={t('canned.forums')}
          >
            {forums.data.items.map((f) => (
              <Group
                key={f.id}
                component="li"
                justify="space-between"
                py="xs"
                style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
              >
                <Anchor component={Link} to={`${base}/forums/${encodeURIComponent(f.id)}`} fw={500}>
                  {f.title}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {t('canned.responseCount', { count: f.responses })}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
        <form noValidate onSubmit={(e) => void add(e)}>
          <Group align="flex-start" mt="lg" gap="xs">
            <TextInput
              style={{ flex: 1 }}
              label={t('canned.newForumTitle')}
              placeholder={t('canned.newForumPlaceholder')}
              value={title}
              error={error}
              onChange={(e) => setTitle(e.currentTarget.value)}
            />
            <SubmitButton busy={create.isPending} mt={25} leftSection={<IconPlus size={16} aria-hidden />}>
              {t('canned.addForum')}
            </SubmitButton>
          </Group>
        </form>
      </Paper>
    </Stack>
  );
}
