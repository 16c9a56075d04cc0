import { useState } from 'react';
import { Button, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { ButtonAvailability, type ButtonSettings } from '@parley/protocol';
import { useButtonSettings, useSaveButtonSettings } from '../../../api/buttons';
import { ApiError } from '../../../api/client';
import { ErrorBlock, LoadingBlock } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useCampaignOfPage } from '../campaignContext';
import { ButtonList } from './ButtonList';

const OFFLINE_TEXT_ID = 'buttons-offline-text';

/**
 * The campaign's "Chat buttons" tab (handbook "Buttons & Greetings"): when the chat button shows (INV-1) and
 * what the offline form says when nobody can take a chat (INV-2), both for all the campaign's buttons; then the
 * buttons themselves (INV-7…INV-9).
 */
export function ButtonsTab() {
  const campaign = useCampaignOfPage();
  const settings = useButtonSettings(campaign.id);
  if (settings.isPending) return <LoadingBlock />;
  if (settings.isError) return <ErrorBlock error={settings.error} onRetry={() => void settings.refetch()} />;
  return <ButtonSettingsForm campaignId={campaign.id} settings={settings.data} />;
}

function ButtonSettingsForm({ campaignId, settings }: { campaignId: string; settings: ButtonSettings }) {
  const t = useT();
  const save = useSaveButtonSettings(campaignId);
  const [text, setText] = useState(settings.offlineText);
  const [textError, setTextError] = useState<string | null>(null);
  const availability = save.isPending ? save.variables.availability : settings.availability;

  return (
    <Stack gap="lg" maw={960}>
      <Paper withBorder p="lg">
        <Radio.Group
          label={
            <Title order={2} size="h5" component="span">
              {t('buttons.availability')}
            </Title>
          }
          description={t('buttons.availabilityText')}
          value={availability}
          onChange={(v) =>
            save.mutate(
              { availability: v as ButtonAvailability, offlineText: settings.offlineText },
              {
                onSuccess: () => notifySuccess(t('buttons.availabilitySaved')),
                onError: (err) => notifyError(t('buttons.couldNotSave'), err),
              },
            )
          }
        >
          <Stack gap="xs" mt="sm">
            {Object.values(ButtonAvailability).map((a) => (
              <Radio key={a} value={a} label={t(`invites.availability.${a}`)} />
            ))}
          </Stack>
        </Radio.Group>
      </Paper>
      <ButtonList campaignId={campaignId} />
      <Paper withBorder p="lg">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTextError(null);
            save.mutate(
              { availability: settings.availability, offlineText: text },
              {
                onSuccess: () => notifySuccess(t('buttons.offlineSaved')),
                onError: (err) => {
                  if (err instanceof ApiError && err.fields?.offlineText) {
                    setTextError(t('buttons.offlineTextTooLong'));
                    document.getElementById(OFFLINE_TEXT_ID)?.focus();
                  } else notifyError(t('buttons.couldNotSave'), err);
                },
              },
            );
          }}
        >
          <Title order={2} size="h5">
            {t('buttons.offline')}
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            {t('buttons.offlineText')}
          </Text>
          <Textarea
            id={OFFLINE_TEXT_ID}
            mt="sm"
            label={t('buttons.offlineIntro')}
            description={t('buttons.offlineIntroText')}
            autosize
            minRows={3}
            value={text}
            error={textError}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <Group justify="flex-end" mt="md">
            <Button type="submit" loading={save.isPending}>
              {t('forms.save')}
            </Button>
          </Group>
        </form>
      </Paper>
    </Stack>
  );
}
