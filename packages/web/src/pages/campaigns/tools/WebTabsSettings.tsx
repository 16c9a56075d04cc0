import { useEffect, useRef, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Code,
  Group,
  Menu,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconBraces, IconPlus, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import {
  fillWebTabUrl,
  WEB_TAB_DATA_PREFIX,
  WEB_TABS_MAX,
  webTabUrlProblem,
  webTabVariables,
  WebTabSettingsInput,
  type WebTabSettings,
  type WebTabVariable,
} from '@parley/protocol';
import { useToolSettings } from '../../../api/tools';
import { useSaveWebTabSettings, useWebTabSettings } from '../../../api/webTabs';
import { ErrorBlock, LoadingBlock } from '../../../components/QueryState';
import { SubmitButton } from '../../../components/SubmitButton';
import { useT, type MessageKey } from '../../../i18n';
import { submitSettings } from '../../../lib/forms';
import { useUnsavedChanges } from '../../../lib/unsaved';
import { useCampaignOfPage } from '../campaignContext';
import { ToolSettingsPage } from './ToolsTab';

type TabRow = { key: string; id?: string; name: string; url: string };

let nextKey = 0;
const newRow = (): TabRow => ({ key: `new-tab-${++nextKey}`, name: '', url: '' });
const toRows = (s: WebTabSettings): TabRow[] => s.tabs.map((t) => ({ key: t.id, ...t }));
const toInput = (rows: TabRow[]): WebTabSettingsInput => ({
  tabs: rows.map((r) => (r.id ? { id: r.id, name: r.name, url: r.url } : { name: r.name, url: r.url })),
});
const shape = (rows: TabRow[]) =>
  JSON.stringify(rows.map((r) => [r.id ?? null, r.name.trim(), r.url.trim()]));

const ADD_ID = 'web-tabs-add';
const fieldId = (key: string, what: 'name' | 'url' | 'up' | 'down') => `web-tab-${key}-${what}`;
const focusLater = (...ids: string[]) =>
  window.setTimeout(() => {
    for (const id of ids) {
      const el = document.getElementById(id);
      if (el && !el.hasAttribute('disabled') && !el.hasAttribute('data-disabled')) return el.focus();
    }
  }, 0);

const variableText: Record<WebTabVariable, MessageKey> = {
  visitorId: 'webTabs.var.visitorId',
  visitorName: 'webTabs.var.visitorName',
  visitorEmail: 'webTabs.var.visitorEmail',
  currentPage: 'webTabs.var.currentPage',
  chatId: 'webTabs.var.chatId',
};

/** What the example under an address is filled with. */
const exampleValues = {
  visitorId: '3f2a9c1e-7b4d-4e8a-9c21-5d6e7f809a1b',
  visitorName: 'Ann Example',
  visitorEmail: 'ann+shop@example.com',
  currentPage: 'https://www.example.com/pricing?plan=pro',
  chatId: '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  data: {},
};

/** The address filled with example values, when it is valid and has variables to fill. */
function example(url: string): string | null {
  const u = url.trim();
  if (!u.includes('{') || webTabUrlProblem(u)) return null;
  try {
    return fillWebTabUrl(u, exampleValues);
  } catch {
    return null;
  }
}

/**
 * "More settings" of WebTabs (TLS-1): the campaign's tabs, each a name and an address with visitor variables
 * after its host; add, edit, reorder, delete, and save as a whole (as the Goals tab's success codes).
 */
export function WebTabsSettings() {
  const t = useT();
  const campaign = useCampaignOfPage();
  const settings = useWebTabSettings(campaign.id);
  const tools = useToolSettings(campaign.id);
  if (settings.isError) return <ErrorBlock error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <LoadingBlock />;
  return (
    <ToolSettingsPage title={t('tools.webTabs')}>
      <Text maw={760}>{t('webTabs.intro')}</Text>
      {tools.data && !tools.data.tools.webTabs && (
        <Alert color="yellow" maw={760}>
          <Text size="sm">
            {t('webTabs.off')}{' '}
            <Anchor component={Link} to=".." relative="path" size="sm" underline="always">
              {t('webTabs.toToolsTab')}
            </Anchor>
          </Text>
        </Alert>
      )}
      <TabsForm campaignId={campaign.id} settings={settings.data} />
      <Variables />
    </ToolSettingsPage>
  );
}

function TabsForm({ campaignId, settings }: { campaignId: string; settings: WebTabSettings }) {
  const t = useT();
  const save = useSaveWebTabSettings(campaignId);
  const [saved, setSaved] = useState(() => toRows(settings));
  const [rows, setRows] = useState<TabRow[]>(saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const changed = shape(rows) !== shape(saved);
  const { guard } = useUnsavedChanges(changed);
  /** Where the caret was in each address field, for a variable inserted from its menu. */
  const carets = useRef(new Map<string, number>());

  const set = (i: number, patch: Partial<TabRow>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const label = (r: TabRow, i: number) => r.name.trim() || t('webTabs.tabN', { n: i + 1 });

  const add = () => {
    const row = newRow();
    setRows([...rows, row]);
    focusLater(fieldId(row.key, 'name'));
  };
  const move = (from: number, to: number) => {
    const next = [...rows];
    const [row] = next.splice(from, 1);
    next.splice(to, 0, row!);
    setRows(next);
    setErrors({});
    const k = row!.key;
    focusLater(fieldId(k, to < from ? 'up' : 'down'), fieldId(k, to < from ? 'down' : 'up'));
  };
  const remove = (i: number) => {
    const neighbour = rows[i + 1] ?? rows[i - 1];
    setRows(rows.filter((_, j) => j !== i));
    setErrors({});
    focusLater(neighbour ? fieldId(neighbour.key, 'name') : ADD_ID);
  };
  const insert = (i: number, variable: string) => {
    const row = rows[i]!;
    const at = Math.min(carets.current.get(row.key) ?? row.url.length, row.url.length);
    const token = `{${variable}}`;
    set(i, { url: row.url.slice(0, at) + token + row.url.slice(at) });
    // The data key placeholder is selected, to be typed over; else the caret goes after the variable.
    const isData = variable === `${WEB_TAB_DATA_PREFIX}key`;
    const start = isData ? at + 1 + WEB_TAB_DATA_PREFIX.length : at + token.length;
    const end = isData ? at + token.length - 1 : start;
    carets.current.set(row.key, end);
    window.setTimeout(() => {
      const el = document.getElementById(fieldId(row.key, 'url')) as HTMLInputElement | null;
      el?.focus();
      el?.setSelectionRange(start, end);
    }, 0);
  };
  const caret = (key: string) => (e: React.SyntheticEvent<HTMLInputElement>) =>
    carets.current.set(key, e.currentTarget.selectionStart ?? e.currentTarget.value.length);

  const submit = submitSettings({
    schema: WebTabSettingsInput,
    input: () => toInput(rows),
    save: save.mutateAsync,
    saved: (result) => {
      const next = toRows(result);
      setSaved(next);
      setRows(next);
    },
    setErrors,
    savedText: t('webTabs.saved'),
    failedTitle: t('webTabs.couldNotSave'),
  });

  useEffect(() => {
    // A tab list error ("At most 20 tabs") is cleared by any change to the list.
    setErrors((e) => (e.tabs ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'tabs')) : e));
  }, [rows.length]);

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="web-tabs-title" maw={960}>
      {guard}
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Title order={3} size="h4" id="web-tabs-title">
          {t('webTabs.tabs')}
        </Title>
        <Text size="sm" c="dimmed" mt={2} mb="md">
          {t('webTabs.tabsText', { max: WEB_TABS_MAX })}
        </Text>
        <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
          {rows.map((r, i) => {
            const filled = example(r.url);
            return (
              <Group key={r.key} component="li" gap="xs" wrap="nowrap" align="flex-start">
                <TextInput
                  id={fieldId(r.key, 'name')}
                  w={180}
                  aria-label={t('webTabs.tabName', { n: i + 1 })}
                  placeholder={t('webTabs.namePlaceholder')}
                  value={r.name}
                  error={errors[`tabs.${i}.name`] ?? errors[`tabs.${i}.id`]}
                  onChange={(e) => set(i, { name: e.currentTarget.value })}
                />
                <TextInput
                  id={fieldId(r.key, 'url')}
                  style={{ flex: 1 }}
                  aria-label={t('webTabs.tabUrl', { n: i + 1 })}
                  placeholder="https://crm.example.com/search?email={visitorEmail}"
                  value={r.url}
                  error={errors[`tabs.${i}.url`]}
                  description={filled ? t('webTabs.example', { url: filled }) : undefined}
                  inputWrapperOrder={['label', 'input', 'error', 'description']}
                  styles={{ description: { wordBreak: 'break-all' } }}
                  onChange={(e) => {
                    set(i, { url: e.currentTarget.value });
                    caret(r.key)(e);
                  }}
                  onSelect={caret(r.key)}
                  onKeyUp={caret(r.key)}
                  onClick={caret(r.key)}
                  spellCheck={false}
                  autoComplete="off"
                />
                <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
                  <Menu.Target>
                    <ActionIcon
                      variant="default"
                      size="lg"
                      aria-label={t('webTabs.insertVariable', { name: label(r, i) })}
                    >
                      <IconBraces size={16} aria-hidden />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Label>{t('webTabs.variables')}</Menu.Label>
                    {webTabVariables.map((v) => (
                      <Menu.Item key={v} onClick={() => insert(i, v)}>
                        <Code>{`{${v}}`}</Code>
                      </Menu.Item>
                    ))}
                    <Menu.Item onClick={() => insert(i, `${WEB_TAB_DATA_PREFIX}key`)}>
                      <Code>{`{${WEB_TAB_DATA_PREFIX}key}`}</Code>
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
                <ActionIcon
                  id={fieldId(r.key, 'up')}
                  variant="default"
                  size="lg"
                  aria-label={t('webTabs.moveUp', { name: label(r, i) })}
                  disabled={i === 0}
                  onClick={() => move(i, i - 1)}
                >
                  <IconArrowUp size={16} aria-hidden />
                </ActionIcon>
                <ActionIcon
                  id={fieldId(r.key, 'down')}
                  variant="default"
                  size="lg"
                  aria-label={t('webTabs.moveDown', { name: label(r, i) })}
                  disabled={i === rows.length - 1}
                  onClick={() => move(i, i + 1)}
                >
                  <IconArrowDown size={16} aria-hidden />
                </ActionIcon>
                <ActionIcon
                  variant="default"
                  size="lg"
                  color="red"
                  aria-label={t('webTabs.delete', { name: label(r, i) })}
                  onClick={() => remove(i)}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            );
          })}
        </Stack>
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('webTabs.none')}
          </Text>
        )}
        {errors.tabs && (
          <Text size="sm" c="red.8" mt="xs" role="alert">
            {errors.tabs}
          </Text>
        )}
        <Group justify="space-between" mt="md">
          <Button
            id={ADD_ID}
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={add}
            disabled={rows.length >= WEB_TABS_MAX}
          >
            {t('webTabs.add')}
          </Button>
          <Group gap="xs">
            <Button
              variant="default"
              disabled={!changed || save.isPending}
              onClick={() => {
                setRows(saved);
                setErrors({});
              }}
            >
              {t('forms.discard')}
            </Button>
            <SubmitButton busy={save.isPending}>{t('forms.save')}</SubmitButton>
          </Group>
        </Group>
      </form>
    </Paper>
  );
}

/** The variables an address may hold, and what each is filled with. */
function Variables() {
  const t = useT();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="web-tabs-variables" maw={960}>
      <Title order={3} size="h4" id="web-tabs-variables">
        {t('webTabs.variables')}
      </Title>
      <Text size="sm" c="dimmed" mt={2} mb="sm">
        {t('webTabs.variablesText')}
      </Text>
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '6px 16px', margin: 0 }}>
        {webTabVariables.map((v) => (
          <VariableRow key={v} code={`{${v}}`} text={t(variableText[v])} />
        ))}
        <VariableRow code={`{${WEB_TAB_DATA_PREFIX}key}`} text={t('webTabs.var.data')} />
      </dl>
    </Paper>
  );
}

function VariableRow({ code, text }: { code: string; text: string }) {
  return (
    <>
      <dt>
        <Code>{code}</Code>
      </dt>
      <dd style={{ margin: 0 }}>
        <Text size="sm">{text}</Text>
      </dd>
    </>
  );
}
