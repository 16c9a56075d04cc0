import {
  ActionIcon,
  Badge,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useT } from '../../../i18n';
import { MembersField } from './MembersField';
import { MethodField } from './MethodField';
import type { MemberOption, RoutingFormValues } from './routingForm';

interface Props {
  form: UseFormReturnType<RoutingFormValues>;
  index: number;
  count: number;
  options: MemberOption[];
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
}

/** Element ids of a level's title input and move buttons, for moving focus after a move or removal. */
export const levelIds = (key: string) => ({
  heading: `${key}-heading`,
  title: `${key}-title`,
  up: `${key}-up`,
  down: `${key}-down`,
});

/** One routing level (RTE-1): title, users and groups, routing method; moved up/down or removed. */
export function LevelCard({ form, index, count, options, onMove, onRemove }: Props) {
  const t = useT();
  const level = form.getValues().levels[index]!;
  const n = index + 1;
  const ids = levelIds(level.key);
  const path = `levels.${index}` as const;
  const hasError = Object.keys(form.errors).some((k) => k.startsWith(`${path}.`));

  return (
    <Paper
      withBorder
      p="lg"
      component="section"
      aria-labelledby={ids.heading}
      style={hasError ? { borderColor: 'var(--mantine-color-error)' } : undefined}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="md">
        <div>
          <Group gap="xs">
            <Title order={3} size="h5" id={ids.heading}>
              {t('routing.level', { n })}
            </Title>
            {level.title.trim() && (
              <Text size="sm" c="dimmed" lineClamp={1}>
                {level.title.trim()}
              </Text>
            )}
            {index === 0 ? (
              <Badge variant="light" size="sm">
                {t('routing.triedFirst')}
              </Badge>
            ) : (
              <Badge variant="light" color="gray" size="sm">
                {t('routing.backup')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {index === 0 ? t('routing.firstText') : t('routing.backupText', { above: index })}
          </Text>
        </div>
        <Group gap={4} wrap="nowrap">
          <Tooltip label={t('routing.moveUp')}>
            <ActionIcon
              id={ids.up}
              variant="subtle"
              color="gray"
              aria-label={t('routing.moveLevelUp', { n })}
              disabled={index === 0}
              onClick={() => onMove(index, index - 1)}
            >
              <IconArrowUp size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('routing.moveDown')}>
            <ActionIcon
              id={ids.down}
              variant="subtle"
              color="gray"
              aria-label={t('routing.moveLevelDown', { n })}
              disabled={index === count - 1}
              onClick={() => onMove(index, index + 1)}
            >
              <IconArrowDown size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('routing.removeLevel')}>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('routing.removeLevelN', { n })}
              onClick={() => onRemove(index)}
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <TextInput
            id={ids.title}
            label={t('routing.title')}
            aria-label={t('routing.levelTitle', { n })}
            placeholder={t('routing.titlePlaceholder')}
            maxLength={100}
            {...form.getInputProps(`${path}.title`)}
          />
          <MethodField
            name={t('routing.levelMethod', { n })}
            value={level.method}
            onChange={(method) => form.setFieldValue(`${path}.method`, method)}
            error={form.errors[`${path}.method`]}
          />
        </SimpleGrid>
        <MembersField
          name={t('routing.levelMembers', { n })}
          options={options}
          value={level.members}
          onChange={(members) => form.setFieldValue(`${path}.members`, members)}
          error={form.errors[`${path}.members`]}
          description={t('routing.groupHint')}
        />
      </Stack>
    </Paper>
  );
}
