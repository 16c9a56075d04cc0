import { useState } from 'react';
import { Group, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import {
  COBROWSE_BUTTON_TEXT_MAX,
  COBROWSE_TEXT_MAX,
  CampaignToolSettings,
  languageNames,
  type CobrowseSettings as Settings,
} from '@parley/protocol';
import { useSaveToolSettings, useToolSettings } from '../../../api/tools';
import { ErrorBlock, LoadingBlock } from '../../../components/QueryState';
import { FormActions } from '../../../components/SubmitButton';
import { useT } from '../../../i18n';
import { submitSettings } from '../../../lib/forms';
import { useUnsavedChanges } from '../../../lib/unsaved';
import { useCampaignOfPage } from '../campaignContext';
import { ToolSettingsPage } from './ToolsTab';

/** The form's values: the domains as the textarea shows them, one per line. */
type Values = Omit<Settings, 'cspDomains'> & { domains: string };

const valuesOf = (s: Settings): Values => ({
  text: s.text,
  onText: s.onText,
  offText: s.offText,
  domains: s.cspDomains.join('\n'),
});
const settingsOf = (v: Values): Settings => ({
  text: v.text,
  onText: v.onText,
  offText: v.offText,
  cspDomains: v.domains
    .split(/[\s,]+/)
    .map((d) => d.trim())
    .filter(Boolean),
});

/**
 * "More settings" of Cobrowsing (TLS-5, handbook "Tools"): the text the chat window shows beside the screen-share
 * toggle, the toggle's on and off texts (in the campaign's widget language), and the extra domains the agent's
 * replay of the visitor's page may load stylesheets, images and fonts from (its CSP, docs/embedding.md).
 */
export function CobrowseSettings() {
  const t = useT();
  const campaign = useCampaignOfPage();
  const settings = useToolSettings(campaign.id);
  return (
    <ToolSettingsPage title={t('tools.cobrowsing')}>
      {settings.isError ? (
        <ErrorBlock error={settings.error} onRetry={() => void settings.refetch()} />
      ) : !settings.data ? (
        <LoadingBlock />
      ) : (
        <CobrowseForm
          campaignId={campaign.id}
          language={languageNames[campaign.language]}
          saved={settings.data}
        />
      )}
    </ToolSettingsPage>
  );
}

function CobrowseForm(props: { campaignId: string; language: string; saved: CampaignToolSettings }) {
  const t = useT();
  const save = useSaveToolSettings(props.campaignId);
  const [saved, setSaved] = useState(props.saved);
  const [v, setV] = useState(() => valuesOf(props.saved.cobrowse));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const changed = JSON.stringify(settingsOf(v)) !== JSON.stringify(saved.cobrowse);
  const { guard, release } = useUnsavedChanges(changed);
  const set = (key: keyof Values, value: string) => setV((x) => ({ ...x, [key]: value }));

  /** Errors by field (`cobrowse.text`); a domain's (`cobrowse.cspDomains.2`) go to the list, naming its line. */
  const byField = (found: Record<string, string>) => {
    const out: Record<string, string> = {};
    for (const [path, message] of Object.entries(found)) {
      const key = path.replace(/^cobrowse\./, '');
      const line = /^cspDomains\.(\d+)$/.exec(key);
      const field = key.startsWith('cspDomains') ? 'domains' : key;
      out[field] ??= line ? t('cobrowse.domainLine', { line: Number(line[1]) + 1, message }) : message;
    }
    setErrors(out);
  };

  const submit = submitSettings({
    schema: CampaignToolSettings,
    // The toggles as saved: this page changes only the cobrowsing settings.
    input: () => ({ tools: saved.tools, cobrowse: settingsOf(v) }),
    save: save.mutateAsync,
    saved: (result) => {
      setSaved(result);
      setV(valuesOf(result.cobrowse));
      release();
    },
    setErrors: byField,
    savedText: t('cobrowse.saved'),
    failedTitle: t('cobrowse.couldNotSave'),
  });

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="cobrowse-settings-title">
      {guard}
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Title order={3} size="h4" id="cobrowse-settings-title">
          {t('cobrowse.windowTexts')}
        </Title>
        <Text size="sm" c="dimmed" mt={2} mb="md">
          {t('cobrowse.windowTextsText', { language: props.language })}
        </Text>
        <Stack gap="md">
          <Textarea
            label={t('cobrowse.text')}
            description={t('cobrowse.textHelp')}
            autosize
            minRows={2}
            value={v.text}
            maxLength={COBROWSE_TEXT_MAX * 2}
            error={errors.text}
            onChange={(e) => set('text', e.currentTarget.value)}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('cobrowse.onText')}
              description={t('cobrowse.onTextHelp')}
              value={v.onText}
              maxLength={COBROWSE_BUTTON_TEXT_MAX * 2}
              error={errors.onText}
              onChange={(e) => set('onText', e.currentTarget.value)}
            />
            <TextInput
              label={t('cobrowse.offText')}
              description={t('cobrowse.offTextHelp')}
              value={v.offText}
              maxLength={COBROWSE_BUTTON_TEXT_MAX * 2}
              error={errors.offText}
              onChange={(e) => set('offText', e.currentTarget.value)}
            />
          </Group>
          <Title order={3} size="h4" mt="sm">
            {t('cobrowse.domains')}
          </Title>
          <Textarea
            label={t('cobrowse.domainsLabel')}
            description={t('cobrowse.domainsHelp')}
            autosize
            minRows={3}
            value={v.domains}
            placeholder={'cdn.example.com\n*.example-fonts.com'}
            error={errors.domains}
            onChange={(e) => set('domains', e.currentTarget.value)}
            spellCheck={false}
          />
          <Text size="sm" c="dimmed">
            {t('cobrowse.privacy')}
          </Text>
        </Stack>
        <FormActions
          mt="md"
          changed={changed}
          busy={save.isPending}
          onDiscard={() => {
            setV(valuesOf(saved.cobrowse));
            setErrors({});
          }}
        />
      </form>
    </Paper>
  );
}
