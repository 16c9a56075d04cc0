import { useState, type ReactNode } from 'react';
import { Anchor, Button, Group, Paper, Stack, Switch, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconAppWindow,
  IconEye,
  IconId,
  IconMessage2Bolt,
  IconScreenShare,
  type Icon,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import { tools as toolOrder, type CampaignTools, type Tool } from '@parley/protocol';
import { useSaveToolSettings, useToolSettings } from '../../../api/tools';
import { ErrorBlock, LoadingBlock } from '../../../components/QueryState';
import { useT, type MessageKey } from '../../../i18n';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useCampaignOfPage } from '../campaignContext';
import classes from './ToolsTab.module.css';

/** Each tool: its name, what it does, and the page of its "More settings" (for the three that have some). */
const toolInfo: Record<Tool, { label: MessageKey; text: MessageKey; icon: Icon; settings?: string }> = {
  webTabs: { label: 'tools.webTabs', text: 'tools.webTabsText', icon: IconAppWindow, settings: 'web-tabs' },
  cannedResponses: {
    label: 'tools.cannedResponses',
    text: 'tools.cannedResponsesText',
    icon: IconMessage2Bolt,
    settings: 'canned-responses',
  },
  cobrowsing: {
    label: 'tools.cobrowsing',
    text: 'tools.cobrowsingText',
    icon: IconScreenShare,
    settings: 'cobrowsing',
  },
  visitorInfo: { label: 'tools.visitorInfo', text: 'tools.visitorInfoText', icon: IconId },
  sneakPreview: { label: 'tools.sneakPreview', text: 'tools.sneakPreviewText', icon: IconEye },
};

/**
 * The campaign's "Tools" tab (handbook "Tools", TLS-7): the five agent tools, each with its toggle on the right
 * (saved at once) and, for WebTabs, Canned Responses and Cobrowsing, "More settings".
 */
export function ToolsTab() {
  const t = useT();
  const campaign = useCampaignOfPage();
  const settings = useToolSettings(campaign.id);
  const save = useSaveToolSettings(campaign.id);
  // Shown at once; back to what is saved when the save fails.
  const [shown, setShown] = useState<Partial<CampaignTools>>({});

  if (settings.isError) return <ErrorBlock error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <LoadingBlock />;
  const saved = settings.data;
  const on = { ...saved.tools, ...shown };

  const toggle = async (tool: Tool, value: boolean) => {
    setShown((s) => ({ ...s, [tool]: value }));
    try {
      await save.mutateAsync({ ...saved, tools: { ...saved.tools, [tool]: value } });
      notifySuccess(t(value ? 'tools.turnedOn' : 'tools.turnedOff', { tool: t(toolInfo[tool].label) }));
    } catch (err) {
      notifyError(t('tools.couldNotSave'), err);
    } finally {
      setShown((s) => {
        const { [tool]: _, ...rest } = s;
        return rest;
      });
    }
  };

  return (
    <Stack gap="md" maw={760}>
      <Text>{t('tools.intro')}</Text>
      {toolOrder.map((tool) => {
        const info = toolInfo[tool];
        return (
          <ToolRow
            key={tool}
            icon={info.icon}
            title={t(info.label)}
            text={t(info.text)}
            id={`tool-${tool}`}
            more={
              info.settings && (
                <Button
                  component={Link}
                  to={info.settings}
                  variant="light"
                  size="xs"
                  aria-label={t('tools.moreSettingsOf', { tool: t(info.label) })}
                >
                  {t('tools.moreSettings')}
                </Button>
              )
            }
          >
            <Group gap="xs" wrap="nowrap">
              {/* The switch says its state itself; the word is for the eye. */}
              <Text size="sm" fw={500} className={classes.state} aria-hidden>
                {t(on[tool] ? 'tools.on' : 'tools.off')}
              </Text>
              <Switch
                checked={on[tool]}
                disabled={save.isPending}
                onChange={(e) => void toggle(tool, e.currentTarget.checked)}
                aria-labelledby={`tool-${tool}`}
                aria-describedby={`tool-${tool}-text`}
                size="md"
                classNames={{ track: classes.track }}
              />
            </Group>
          </ToolRow>
        );
      })}
    </Stack>
  );
}

function ToolRow(props: {
  icon: Icon;
  title: string;
  text: string;
  id: string;
  more: ReactNode;
  children: ReactNode;
}) {
  const Icon = props.icon;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={props.id}>
      <Group wrap="nowrap" align="flex-start" gap="md">
        <ThemeIcon variant="light" size="lg" radius="md">
          <Icon size={20} aria-hidden />
        </ThemeIcon>
        <div style={{ flex: 1 }}>
          <Title order={2} size="h5" id={props.id}>
            {props.title}
          </Title>
          <Text size="sm" mt={2} id={`${props.id}-text`}>
            {props.text}
          </Text>
          {props.more && <Group mt="xs">{props.more}</Group>}
        </div>
        {props.children}
      </Group>
    </Paper>
  );
}

/** The frame of a tool's "More settings" page: back to the Tools tab, the tool's name, its settings. */
export function ToolSettingsPage({ title, children }: { title: string; children: ReactNode }) {
  const t = useT();
  return (
    <Stack gap="md" maw={960}>
      <Anchor component={Link} to=".." relative="path" size="sm">
        ← {t('tools.backToTools')}
      </Anchor>
      <Title order={2} size="h3">
        {title}
      </Title>
      {children}
    </Stack>
  );
}
