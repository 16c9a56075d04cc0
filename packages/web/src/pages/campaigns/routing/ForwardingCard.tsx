import { useId } from 'react';
import { Button, Collapse, Group, Paper, SimpleGrid, Switch, Text, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconChevronDown } from '@tabler/icons-react';
import { useT } from '../../../i18n';
import { MembersField } from './MembersField';
import { MethodField } from './MethodField';
import { routingMethodName, type MemberOption, type RoutingFormValues } from './routingForm';

interface Props {
  form: UseFormReturnType<RoutingFormValues>;
  options: MemberOption[];
  /** "More settings" is open. */
  expanded: boolean;
  onExpandedChange: (expanded: boolean) => void;
}

/** RTE-4: users and groups that receive only transferred chats; a switch on the right, details under "More settings". */
export function ForwardingCard({ form, options, expanded, onExpandedChange }: Props) {
  const t = useT();
  const headingId = useId();
  const hintId = useId();
  const settingsId = useId();
  const { enabled, method, members } = form.getValues().forwarding;
  const hasError = Object.keys(form.errors).some((k) => k.startsWith('forwarding.'));
  const labels = new Map(options.map((o) => [o.value, o.label]));
  const names = members.map((m) => labels.get(m) ?? t('routing.unknown'));

  return (
    <Paper
      withBorder
      p="lg"
      component="section"
      aria-labelledby={headingId}
      style={hasError ? { borderColor: 'var(--mantine-color-error)' } : undefined}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={3} size="h5" id={headingId}>
            {t('routing.forwarding')}
          </Title>
          <Text size="sm" c="dimmed" id={hintId}>
            {t('routing.forwardingText')}
          </Text>
        </div>
        <Switch
          aria-labelledby={headingId}
          aria-describedby={hintId}
          checked={enabled}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            form.setFieldValue('forwarding.enabled', on);
            // Turned on with nobody to forward to: show where to add them.
            if (on && members.length === 0) onExpandedChange(true);
          }}
          size="md"
        />
      </Group>

      <Group justify="space-between" align="center" mt="sm" gap="sm">
        <Text size="sm" c={hasError && !expanded ? 'red' : undefined}>
          {members.length === 0
            ? t('routing.nobodyYet')
            : `${names.join(', ')} · ${routingMethodName(method)}`}
          {!enabled && members.length > 0 && ` ${t('routing.off')}`}
        </Text>
        <Button
          variant="subtle"
          size="compact-sm"
          aria-expanded={expanded}
          aria-controls={settingsId}
          rightSection={
            <IconChevronDown
              size={16}
              aria-hidden
              style={{ transform: expanded ? 'rotate(180deg)' : undefined, transition: 'transform 150ms' }}
            />
          }
          onClick={() => onExpandedChange(!expanded)}
        >
          {t('routing.moreSettings')}
        </Button>
      </Group>

      <Collapse expanded={expanded} id={settingsId}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" pt="md">
          <MembersField
            name={t('routing.forwardingMembers')}
            options={options}
            value={members}
            onChange={(next) => form.setFieldValue('forwarding.members', next)}
            error={form.errors['forwarding.members']}
            description={t('routing.forwardingMembersHint')}
          />
          <MethodField
            name={t('routing.forwardingMethod')}
            value={method}
            onChange={(next) => form.setFieldValue('forwarding.method', next)}
            error={form.errors['forwarding.method']}
          />
        </SimpleGrid>
      </Collapse>
    </Paper>
  );
}
