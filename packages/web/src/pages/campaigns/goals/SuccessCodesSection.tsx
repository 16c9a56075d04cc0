import { useEffect, useState } from 'react';
import { ActionIcon, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { SUCCESS_CODES_MAX, SuccessCodeSettingsInput, type SuccessCodeSettings } from '@parley/protocol';
import { useSaveSuccessCodeSettings } from '../../../api/goals';
import { FormActions } from '../../../components/SubmitButton';
import { useT } from '../../../i18n';
import { submitSettings } from '../../../lib/forms';
import { codesChanged, newCodeRow, toCodesForm, toCodesInput, type CodesFormValues } from './codesForm';

const ADD_ID = 'goals-add-code';
const codeId = (key: string, what: 'name' | 'up' | 'down') => `code-${key}-${what}`;

/** Moves focus after the render that moved, added or removed a code. */
const focusLater = (...ids: string[]) =>
  window.setTimeout(() => {
    for (const id of ids) {
      const el = document.getElementById(id);
      if (el && !el.hasAttribute('disabled') && !el.hasAttribute('data-disabled')) return el.focus();
    }
  }, 0);

/**
 * GOL-1 on the Goals tab: the campaign's success codes (add, rename, delete, order) and the two options, saved
 * together. A deleted code stays with the chats that have it.
 */
export function SuccessCodesSection({
  campaignId,
  settings,
  onDirty,
}: {
  campaignId: string;
  settings: SuccessCodeSettings;
  onDirty: (dirty: boolean) => void;
}) {
  const t = useT();
  const save = useSaveSuccessCodeSettings(campaignId);
  const [saved, setSaved] = useState(() => toCodesForm(settings));
  const [values, setValues] = useState<CodesFormValues>(saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const changed = codesChanged(values, saved);
  const codes = values.codes;
  useEffect(() => onDirty(changed), [changed, onDirty]);

  const setCodes = (next: CodesFormValues['codes']) => setValues((v) => ({ ...v, codes: next }));
  const add = () => {
    const row = newCodeRow();
    setCodes([...codes, row]);
    focusLater(codeId(row.key, 'name'));
  };
  const move = (from: number, to: number) => {
    const next = [...codes];
    const [row] = next.splice(from, 1);
    next.splice(to, 0, row!);
    setCodes(next);
    setErrors({});
    focusLater(codeId(row!.key, to < from ? 'up' : 'down'), codeId(row!.key, to < from ? 'down' : 'up'));
  };
  const remove = (index: number) => {
    const neighbour = codes[index + 1] ?? codes[index - 1];
    setCodes(codes.filter((_, i) => i !== index));
    setErrors({});
    focusLater(neighbour ? codeId(neighbour.key, 'name') : ADD_ID);
  };

  const submit = submitSettings({
    schema: SuccessCodeSettingsInput,
    input: () => toCodesInput(values),
    save: save.mutateAsync,
    saved: (result) => {
      const next = toCodesForm(result);
      setSaved(next);
      setValues(next);
    },
    setErrors,
    savedText: t('goals.codesSaved'),
    failedTitle: t('goals.couldNotSave'),
  });

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="goals-codes-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Title order={2} size="h4" id="goals-codes-title">
          {t('goals.codes')}
        </Title>
        <Text size="sm" c="dimmed" mt={2} mb="md">
          {t('goals.codesText')}
        </Text>
        <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
          {codes.map((c, i) => (
            <Group key={c.key} component="li" gap="xs" wrap="nowrap" align="flex-start">
              <TextInput
                id={codeId(c.key, 'name')}
                style={{ flex: 1 }}
                aria-label={t('goals.codeName', { n: i + 1 })}
                placeholder={t('goals.codePlaceholder')}
                value={c.name}
                error={errors[`codes.${i}.name`] ?? errors[`codes.${i}.id`]}
                onChange={(e) => {
                  const name = e.currentTarget.value;
                  setCodes(codes.map((x, j) => (j === i ? { ...x, name } : x)));
                }}
              />
              <ActionIcon
                id={codeId(c.key, 'up')}
                variant="default"
                size="lg"
                aria-label={t('goals.moveUp', { name: c.name || t('goals.codeName', { n: i + 1 }) })}
                disabled={i === 0}
                onClick={() => move(i, i - 1)}
              >
                <IconArrowUp size={16} aria-hidden />
              </ActionIcon>
              <ActionIcon
                id={codeId(c.key, 'down')}
                variant="default"
                size="lg"
                aria-label={t('goals.moveDown', { name: c.name || t('goals.codeName', { n: i + 1 }) })}
                disabled={i === codes.length - 1}
                onClick={() => move(i, i + 1)}
              >
                <IconArrowDown size={16} aria-hidden />
              </ActionIcon>
              <ActionIcon
                variant="default"
                size="lg"
                color="red"
                aria-label={t('goals.deleteCode', { name: c.name || t('goals.codeName', { n: i + 1 }) })}
                onClick={() => remove(i)}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
        {codes.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('goals.noCodes')}
          </Text>
        )}
        <Button
          id={ADD_ID}
          mt="sm"
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={add}
          disabled={codes.length >= SUCCESS_CODES_MAX}
        >
          {t('goals.addCode')}
        </Button>
        <Stack gap="xs" mt="lg">
          <Checkbox
            label={t('goals.allowMultiple')}
            checked={values.allowMultiple}
            onChange={(e) => setValues({ ...values, allowMultiple: e.currentTarget.checked })}
          />
          <Checkbox
            label={t('goals.required')}
            description={t('goals.requiredText')}
            checked={values.required}
            onChange={(e) => setValues({ ...values, required: e.currentTarget.checked })}
          />
        </Stack>
        <FormActions
          mt="md"
          changed={changed}
          busy={save.isPending}
          onDiscard={() => {
            setValues(saved);
            setErrors({});
          }}
        />
      </form>
    </Paper>
  );
}
