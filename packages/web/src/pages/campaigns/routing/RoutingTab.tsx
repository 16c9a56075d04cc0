import { useMemo, useRef, useState } from 'react';
import { Alert, Button, EmptyState, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { IconAlertCircle, IconPlus, IconRoute } from '@tabler/icons-react';
import type { Group as GroupDto, RoutingConfig, User } from '@parley/protocol';
import { ApiError } from '../../../api/client';
import { useAllGroups } from '../../../api/groups';
import { useRoutingConfig, useSaveRoutingConfig } from '../../../api/routing';
import { useActiveUsers } from '../../../api/users';
import { ErrorBlock, LoadingBlock } from '../../../components/QueryState';
import { FormActions } from '../../../components/SubmitButton';
import { useT } from '../../../i18n';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useUnsavedChanges } from '../../../lib/unsaved';
import { useCampaignOfPage } from '../campaignContext';
import { revealFirstError } from '../campaignForm';
import { ForwardingCard } from './ForwardingCard';
import { LevelCard, levelIds } from './LevelCard';
import {
  MAX_LEVELS,
  isChanged,
  memberOptions,
  newLevel,
  placeServerErrors,
  toFormValues,
  toInput,
  type RoutingFormValues,
} from './routingForm';

const ADD_LEVEL_ID = 'routing-add-level';

/** Moves focus after the render that moved or removed a level. */
const focusLater = (...ids: string[]) =>
  window.setTimeout(() => {
    for (const id of ids) {
      const el = document.getElementById(id);
      if (el && !el.hasAttribute('disabled') && !el.hasAttribute('data-disabled')) {
        el.focus();
        return;
      }
    }
  }, 0);

function NoLevels({ onAdd }: { onAdd: () => void }) {
  const t = useT();
  return (
    <Paper withBorder p="lg">
      <EmptyState
        py="md"
        icon={<IconRoute aria-hidden />}
        title={t('routing.noLevels')}
        description={t('routing.noLevelsText')}
      >
        <EmptyState.Actions>
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onAdd}>
            {t('routing.addLevel')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Paper>
  );
}

function RoutingForm({
  campaignId,
  config,
  users,
  groups,
}: {
  campaignId: string;
  config: RoutingConfig;
  users: User[];
  groups: GroupDto[];
}) {
  const save = useSaveRoutingConfig(campaignId);
  const t = useT();
  const formRef = useRef<HTMLFormElement>(null);
  const [saved, setSaved] = useState(() => toFormValues(config));
  const [general, setGeneral] = useState<string[]>([]);
  const [forwardingOpen, setForwardingOpen] = useState(false);
  const form: UseFormReturnType<RoutingFormValues> = useForm<RoutingFormValues>({ initialValues: saved });
  // Members chosen before that are no longer users or groups keep their last known names.
  const options = useMemo(() => memberOptions(users, groups, config), [users, groups, config]);
  const values = form.getValues();
  const levels = values.levels;
  const changed = isChanged(values, saved);
  const { guard } = useUnsavedChanges(changed);

  const addLevel = () => {
    const level = newLevel();
    form.insertListItem('levels', level);
    focusLater(levelIds(level.key).title);
  };

  const moveLevel = (from: number, to: number) => {
    const key = levels[from]!.key;
    form.reorderListItem('levels', { from, to });
    // Keep focus on the button that was pressed unless it just became disabled.
    const ids = levelIds(key);
    focusLater(...(to < from ? [ids.up, ids.down] : [ids.down, ids.up]));
  };

  const removeLevel = (index: number) => {
    const next = levels[index + 1] ?? levels[index - 1];
    form.removeListItem('levels', index);
    focusLater(next ? levelIds(next.key).title : ADD_LEVEL_ID);
  };

  const discard = () => {
    form.setValues(saved);
    form.clearErrors();
    setGeneral([]);
  };

  const submit = form.onSubmit(async (v) => {
    setGeneral([]);
    try {
      const result = await save.mutateAsync(toInput(v));
      const next = toFormValues(
        result,
        v.levels.map((l) => l.key),
      );
      setSaved(next);
      form.setInitialValues(next);
      form.setValues(next);
      notifySuccess(t('routing.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.fields && Object.keys(err.fields).length > 0) {
        const labels = new Map(options.map((o) => [o.value, o.label]));
        const placed = placeServerErrors(err.fields, v, (m) => labels.get(m));
        form.setErrors(placed.fields);
        setGeneral(placed.general);
        if (placed.forwarding) setForwardingOpen(true);
        notifyError(t('routing.couldNotSave'), new Error(t('forms.checkFields')));
        revealFirstError(formRef.current);
      } else {
        notifyError(t('routing.couldNotSave'), err);
      }
    }
  });

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      {guard}
      <Stack gap="lg" maw={960}>
        <div>
          <Title order={2} size="h4">
            {t('routing.levels')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('routing.levelsText')}
          </Text>
        </div>

        {levels.length === 0 ? (
          <NoLevels onAdd={addLevel} />
        ) : (
          <>
            {levels.map((level, index) => (
              <LevelCard
                key={level.key}
                form={form}
                index={index}
                count={levels.length}
                options={options}
                onMove={moveLevel}
                onRemove={removeLevel}
              />
            ))}
            <Group gap="sm">
              <Button
                id={ADD_LEVEL_ID}
                variant="default"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={addLevel}
                disabled={levels.length >= MAX_LEVELS}
              >
                {t('routing.addLevel')}
              </Button>
              {levels.length >= MAX_LEVELS && (
                <Text size="sm" c="dimmed">
                  {t('routing.maxLevels', { max: MAX_LEVELS })}
                </Text>
              )}
            </Group>
          </>
        )}

        <ForwardingCard
          form={form}
          options={options}
          expanded={forwardingOpen}
          onExpandedChange={setForwardingOpen}
        />

        {general.length > 0 && (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />} title={t('routing.notSaved')}>
            {general.length === 1 ? (
              general[0]
            ) : (
              <List size="sm">
                {general.map((message) => (
                  <List.Item key={message}>{message}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}

        <FormActions changed={changed} busy={save.isPending} onDiscard={discard} />
      </Stack>
    </form>
  );
}

/** The Routing tab (handbook "Routing", RTE-1, RTE-2, RTE-4): levels in order and the forwarding level. */
export function RoutingTab() {
  const campaign = useCampaignOfPage();
  const config = useRoutingConfig(campaign.id);
  const users = useActiveUsers();
  const groups = useAllGroups();

  for (const q of [config, users, groups]) {
    if (q.isError) return <ErrorBlock error={q.error} onRetry={() => void q.refetch()} />;
  }
  if (!config.data || !users.data || !groups.data) return <LoadingBlock />;
  return (
    <RoutingForm campaignId={campaign.id} config={config.data} users={users.data} groups={groups.data} />
  );
}
