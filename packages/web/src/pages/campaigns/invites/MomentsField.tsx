import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import {
  CRITERIA_MAX,
  CRITERION_MINUTES_MAX,
  CriterionKind,
  MOMENTS_MAX,
  TimeOperator,
  UrlMatch,
} from '@parley/protocol';
import { useT } from '../../../i18n';
import { isPageKind, newCriterion, newMoment, type InviteFormValues } from './inviteForm';

type Form = UseFormReturnType<InviteFormValues>;

export const momentIds = (key: string) => ({ heading: `${key}-heading`, name: `${key}-name` });
export const criterionIds = (key: string) => ({ kind: `${key}-kind` });
export const ADD_MOMENT_ID = 'invite-add-moment';

const focusLater = (id: string) => window.setTimeout(() => document.getElementById(id)?.focus(), 0);

const operatorKey = {
  '>=': 'invites.operator.atLeast',
  '<=': 'invites.operator.atMost',
  '=': 'invites.operator.equals',
} as const;

function CriterionRow({ form, m, c }: { form: Form; m: number; c: number }) {
  const t = useT();
  const moment = form.getValues().moments[m]!;
  const criterion = moment.criteria[c]!;
  const path = `moments.${m}.criteria.${c}` as const;
  const where = { m: m + 1, n: c + 1 };
  const ids = criterionIds(criterion.key);
  const kinds = Object.values(CriterionKind).map((k) => ({ value: k, label: t(`invites.criterion.${k}`) }));
  const remove = () => {
    form.removeListItem(`moments.${m}.criteria`, c);
    const next = moment.criteria[c + 1] ?? moment.criteria[c - 1];
    focusLater(next ? criterionIds(next.key).kind : `${moment.key}-add-criterion`);
  };
  return (
    <Group align="flex-start" gap="sm" wrap="wrap">
      <Select
        id={ids.kind}
        w={200}
        label={t('invites.criterion')}
        aria-label={t('invites.criterionN', where)}
        data={kinds}
        allowDeselect={false}
        {...form.getInputProps(`${path}.kind`)}
      />
      {isPageKind(criterion.kind) ? (
        <>
          <Select
            w={170}
            label={t('invites.match')}
            aria-label={t('invites.matchN', where)}
            data={Object.values(UrlMatch).map((v) => ({ value: v, label: t(`invites.match.${v}`) }))}
            allowDeselect={false}
            {...form.getInputProps(`${path}.match`)}
          />
          <TextInput
            style={{ flex: 1, minWidth: 220 }}
            label={t('invites.url')}
            aria-label={t('invites.urlN', where)}
            description={
              t(`invites.urlHint.${criterion.match}`) +
              (criterion.kind === 'previous_page' ? ` ${t('invites.previousHint')}` : '')
            }
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            maxLength={2000}
            {...form.getInputProps(`${path}.url`)}
          />
        </>
      ) : (
        <>
          <Select
            w={170}
            label={t('invites.operator')}
            aria-label={t('invites.operatorN', where)}
            data={Object.values(TimeOperator).map((v) => ({ value: v, label: t(operatorKey[v]) }))}
            allowDeselect={false}
            {...form.getInputProps(`${path}.operator`)}
          />
          <NumberInput
            w={130}
            label={t('invites.minutes')}
            aria-label={t('invites.minutesN', where)}
            min={0}
            max={CRITERION_MINUTES_MAX}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps(`${path}.minutes`)}
          />
        </>
      )}
      <Tooltip label={t('invites.removeCriterion')}>
        <ActionIcon
          mt={28}
          variant="subtle"
          color="red"
          aria-label={t('invites.removeCriterionN', where)}
          onClick={remove}
        >
          <IconTrash size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

function MomentCard({ form, m }: { form: Form; m: number }) {
  const t = useT();
  const moments = form.getValues().moments;
  const moment = moments[m]!;
  const ids = momentIds(moment.key);
  const n = m + 1;
  const listError = form.errors[`moments.${m}.criteria`];
  const addCriterion = () => {
    const c = newCriterion();
    form.insertListItem(`moments.${m}.criteria`, c);
    focusLater(criterionIds(c.key).kind);
  };
  const remove = () => {
    form.removeListItem('moments', m);
    const next = moments[m + 1] ?? moments[m - 1];
    focusLater(next ? momentIds(next.key).name : ADD_MOMENT_ID);
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={ids.heading}>
      <Group justify="space-between" align="flex-start" mb="sm">
        <Title order={4} size="h6" id={ids.heading}>
          {t('invites.moment', { n })}
        </Title>
        <Tooltip label={t('invites.removeMoment')}>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('invites.removeMomentN', { n })}
            onClick={remove}
          >
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Stack gap="sm">
        <TextInput
          id={ids.name}
          label={t('invites.momentName')}
          aria-label={t('invites.momentNameN', { n })}
          maxLength={100}
          maw={420}
          {...form.getInputProps(`moments.${m}.name`)}
        />
        {moment.criteria.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('invites.noCriteria')}
          </Text>
        ) : (
          moment.criteria.map((c, i) => <CriterionRow key={c.key} form={form} m={m} c={i} />)
        )}
        {listError && (
          <Text size="sm" c="red" role="alert">
            {listError}
          </Text>
        )}
        <Group>
          <Button
            id={`${moment.key}-add-criterion`}
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={addCriterion}
            disabled={moment.criteria.length >= CRITERIA_MAX}
          >
            {t('invites.addCriterion')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/**
 * INV-5: the greeting's moments, each with its criteria (current/previous page, time on page/website). The Goals
 * tab's goals (GOL-3) have the same moments, with their own `text`.
 */
export function MomentsField({ form, text, empty }: { form: Form; text?: string; empty?: string }) {
  const t = useT();
  const moments = form.getValues().moments;
  const listError = form.errors.moments;
  const add = () => {
    const moment = newMoment();
    form.insertListItem('moments', moment);
    focusLater(momentIds(moment.key).name);
  };
  return (
    <Stack gap="sm" component="section" aria-labelledby="invite-moments-heading">
      <div>
        <Title order={3} size="h5" id="invite-moments-heading">
          {t('invites.momentsTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {text ?? t('invites.momentsText')}
        </Text>
      </div>
      {moments.length === 0 && <Text size="sm">{empty ?? t('invites.noMoments')}</Text>}
      {moments.map((m, i) => (
        <MomentCard key={m.key} form={form} m={i} />
      ))}
      {listError && (
        <Text size="sm" c="red" role="alert">
          {listError}
        </Text>
      )}
      <Group>
        <Button
          id={ADD_MOMENT_ID}
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={add}
          disabled={moments.length >= MOMENTS_MAX}
        >
          {t('invites.addMoment')}
        </Button>
      </Group>
    </Stack>
  );
}
