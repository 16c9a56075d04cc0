import { useState } from 'react';
import {
  ActionIcon,
  Button,
  Code,
  Group,
  Modal,
  Paper,
  Radio,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { GoalInput, GOALS_MAX, GoalValueKind, type Goal, type GoalSalesSettings } from '@parley/protocol';
import { useSaveGoalSalesSettings } from '../../../api/goals';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { SubmitButton } from '../../../components/SubmitButton';
import { useT } from '../../../i18n';
import { focusFirstError, schemaErrors, showSubmitError } from '../../../lib/forms';
import { notifySuccess } from '../../../lib/notify';
import { MomentsField } from '../invites/MomentsField';
import {
  dialogErrors,
  listWith,
  snippetFor,
  toGoalForm,
  toGoalInput,
  type GoalFormValues,
  type MomentsForm,
} from './goalForm';

const ADD_ID = 'goals-add-goal';

/** GOL-3, GOL-4: one goal in a dialog — title, value (none, fixed, changing), criteria, the page's snippet. */
function GoalDialog({
  campaignId,
  settings,
  index,
  onClose,
}: {
  campaignId: string;
  settings: GoalSalesSettings;
  /** The goal's place in the list; null: a new goal. */
  index: number | null;
  onClose: () => void;
}) {
  const t = useT();
  const save = useSaveGoalSalesSettings(campaignId);
  const goal = index === null ? null : settings.goals[index]!;
  const at = index ?? settings.goals.length;
  const form = useForm<GoalFormValues>({
    initialValues: toGoalForm(goal),
    validate: (v) => schemaErrors(GoalInput, toGoalInput(v)) ?? {},
  });
  const values = form.getValues();
  const submit = form.onSubmit(
    async (v) => {
      try {
        await save.mutateAsync(listWith(settings, index, toGoalInput(v, goal?.id)));
        notifySuccess(t('goals.goalsSaved'));
        onClose();
      } catch (err) {
        showSubmitError(
          { setErrors: (errors) => form.setErrors(dialogErrors(errors, at)) },
          err,
          t('goals.couldNotSave'),
        );
        focusFirstError(document.getElementById('goal-dialog'));
      }
    },
    () => focusFirstError(document.getElementById('goal-dialog')),
  );
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={goal ? t('goals.editGoal', { title: goal.title }) : t('goals.newGoal')}
    >
      <form id="goal-dialog" noValidate onSubmit={submit}>
        <Stack gap="md">
          <TextInput
            label={t('goals.goalTitle')}
            maxLength={100}
            data-autofocus
            required
            {...form.getInputProps('title')}
          />
          <Radio.Group label={t('goals.valueKind')} {...form.getInputProps('valueKind')}>
            <Group mt={4}>
              {Object.values(GoalValueKind).map((k) => (
                <Radio key={k} value={k} label={t(`goals.value.${k}`)} />
              ))}
            </Group>
          </Radio.Group>
          {values.valueKind === 'fixed' && (
            <TextInput
              label={t('goals.fixedValue')}
              inputMode="decimal"
              maw={200}
              {...form.getInputProps('value')}
            />
          )}
          <MomentsField
            form={form as unknown as UseFormReturnType<MomentsForm>}
            text={t('goals.criteriaText')}
            empty={t('goals.noMoments')}
          />
          <Stack gap={4} component="section" aria-labelledby="goal-snippet-title">
            <Title order={3} size="h5" id="goal-snippet-title">
              {t('goals.snippet')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('goals.snippetText')}
            </Text>
            <Code block data-testid="goal-snippet">
              {snippetFor(values)}
            </Code>
            {values.valueKind === 'changing' && (
              <Text size="sm">{t('goals.snippetValue', { number: '49.95', text: "'49,95'" })}</Text>
            )}
          </Stack>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
            <SubmitButton busy={save.isPending}>{t('forms.save')}</SubmitButton>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function valueSummary(t: ReturnType<typeof useT>, g: Goal): string {
  return g.valueKind === 'fixed'
    ? t('goals.valueSummary.fixed', { value: g.value })
    : t(`goals.valueSummary.${g.valueKind}`);
}

/** GOL-3, GOL-4 on the Goals tab: the campaign's goals; each added, changed or deleted is saved at once. */
export function GoalSalesSection({
  campaignId,
  settings,
}: {
  campaignId: string;
  settings: GoalSalesSettings;
}) {
  const t = useT();
  const save = useSaveGoalSalesSettings(campaignId);
  const [editing, setEditing] = useState<number | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<number | null>(null);
  const close = () => {
    setEditing(undefined);
    window.setTimeout(() => document.getElementById(ADD_ID)?.focus(), 0);
  };
  const remove = async (index: number) => {
    try {
      await save.mutateAsync(listWith(settings, index, null));
      notifySuccess(t('goals.goalsSaved'));
    } catch (err) {
      showSubmitError({ setErrors: () => {} }, err, t('goals.couldNotSave'));
    }
    setDeleting(null);
    window.setTimeout(() => document.getElementById(ADD_ID)?.focus(), 0);
  };
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="goals-sales-title">
      <Title order={2} size="h4" id="goals-sales-title">
        {t('goals.sales')}
      </Title>
      <Text size="sm" c="dimmed" mt={2} mb="md">
        {t('goals.salesText')}
      </Text>
      {settings.goals.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('goals.noGoals')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {settings.goals.map((g, i) => (
            <Group key={g.id} component="li" gap="xs" wrap="nowrap" justify="space-between">
              <div>
                <Text fw={600}>{g.title}</Text>
                <Text size="sm" c="dimmed">
                  {valueSummary(t, g)}
                </Text>
              </div>
              <Group gap="xs" wrap="nowrap">
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label={t('goals.editGoal', { title: g.title })}
                  onClick={() => setEditing(i)}
                >
                  <IconPencil size={16} aria-hidden />
                </ActionIcon>
                <ActionIcon
                  variant="default"
                  size="lg"
                  color="red"
                  aria-label={t('goals.deleteGoal', { title: g.title })}
                  onClick={() => setDeleting(i)}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            </Group>
          ))}
        </Stack>
      )}
      <Button
        id={ADD_ID}
        mt="sm"
        variant="default"
        leftSection={<IconPlus size={16} aria-hidden />}
        onClick={() => setEditing(null)}
        disabled={settings.goals.length >= GOALS_MAX}
      >
        {t('goals.addGoal')}
      </Button>
      {editing !== undefined && (
        <GoalDialog campaignId={campaignId} settings={settings} index={editing} onClose={close} />
      )}
      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('goals.deleteGoal', {
          title: deleting === null ? '' : (settings.goals[deleting]?.title ?? ''),
        })}
        confirmLabel={t('common.delete')}
        loading={save.isPending}
        onConfirm={() => deleting !== null && void remove(deleting)}
      >
        {t('goals.deleteGoalText')}
      </ConfirmModal>
    </Paper>
  );
}
