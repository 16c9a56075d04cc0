import { useEffect, useState } from 'react';
import { Anchor, Button, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconFolders } from '@tabler/icons-react';
import { Link } from 'react-router';
import { CampaignCannedForums, type CannedForum } from '@parley/protocol';
import {
  useCampaignCannedForums,
  useCannedForums,
  useSaveCampaignCannedForums,
} from '../../../api/cannedResponses';
import { ErrorBlock, LoadingBlock } from '../../../components/QueryState';
import { FormActions } from '../../../components/SubmitButton';
import { useT } from '../../../i18n';
import { submitSettings } from '../../../lib/forms';
import { useUnsavedChanges } from '../../../lib/unsaved';
import { useCampaignOfPage } from '../campaignContext';
import { ToolSettingsPage } from './ToolsTab';

/** The way back to the campaign's Tools tab, and to the other canned-response pages. */
export function BackLink({ to, children }: { to: string; children: string }) {
  return (
    <Anchor component={Link} to={to} size="sm" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
      <IconArrowLeft size={14} aria-hidden />
      {children}
    </Anchor>
  );
}

/**
 * The Canned Responses tool's "More settings" (TLS-2, TLS-4): which of the account's forums this campaign's
 * agents see, and the way to "Forum management" (the forums are the account's, shared by its campaigns).
 */
export function CannedResponsesSettings() {
  const t = useT();
  const campaign = useCampaignOfPage();
  const forums = useCannedForums();
  const selection = useCampaignCannedForums(campaign.id);
  const manage = `/campaigns/${encodeURIComponent(campaign.id)}/tools/canned-responses/forums`;

  return (
    <ToolSettingsPage title={t('tools.cannedResponses')}>
      <Group justify="space-between" align="flex-start" gap="md" maw={760}>
        <Text c="dimmed" size="sm" style={{ flex: 1, minWidth: 240 }}>
          {t('canned.text')}
        </Text>
        <Button
          component={Link}
          to={manage}
          variant="default"
          leftSection={<IconFolders size={16} aria-hidden />}
        >
          {t('canned.forumManagement')}
        </Button>
      </Group>
      {forums.isPending || selection.isPending ? (
        <LoadingBlock />
      ) : forums.isError || selection.isError ? (
        <ErrorBlock
          error={forums.error ?? selection.error}
          onRetry={() => {
            void forums.refetch();
            void selection.refetch();
          }}
        />
      ) : (
        <ForumChoice campaignId={campaign.id} forums={forums.data.items} chosen={selection.data.forumIds} />
      )}
    </ToolSettingsPage>
  );
}

function ForumChoice({
  campaignId,
  forums,
  chosen,
}: {
  campaignId: string;
  forums: CannedForum[];
  chosen: string[];
}) {
  const t = useT();
  const save = useSaveCampaignCannedForums(campaignId);
  const [saved, setSaved] = useState(chosen);
  const [values, setValues] = useState(chosen);
  const [error, setError] = useState<string | undefined>();
  const dirty = values.length !== saved.length || values.some((id) => !saved.includes(id));
  const { guard, release } = useUnsavedChanges(dirty);
  useEffect(() => {
    if (!dirty) release();
  }, [dirty, release]);

  const submit = submitSettings({
    schema: CampaignCannedForums,
    input: () => ({ forumIds: values }),
    save: (input) => save.mutateAsync(input.forumIds),
    saved: (result) => {
      setSaved(result.forumIds);
      setValues(result.forumIds);
    },
    // Per forum (`forumIds.2`) or for the list: shown under the list.
    setErrors: (fields) => setError(Object.values(fields)[0]),
    savedText: t('canned.choiceSaved'),
    failedTitle: t('canned.couldNotSave'),
  });

  return (
    <Paper withBorder p="lg" maw={760} component="form" noValidate onSubmit={(e) => void submit(e)}>
      {guard}
      {forums.length === 0 ? (
        <Text size="sm">{t('canned.noForumsYet')}</Text>
      ) : (
        <Checkbox.Group
          label={t('canned.forumsOffered')}
          description={t('canned.forumsOfferedText')}
          value={values}
          onChange={setValues}
          error={error}
        >
          <Stack gap="xs" mt="sm">
            {forums.map((f) => (
              <Checkbox
                key={f.id}
                value={f.id}
                label={f.title}
                description={t('canned.responseCount', { count: f.responses })}
              />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      {forums.length > 0 && (
        <FormActions mt="lg" changed={dirty} busy={save.isPending} onDiscard={() => setValues(saved)} />
      )}
    </Paper>
  );
}
