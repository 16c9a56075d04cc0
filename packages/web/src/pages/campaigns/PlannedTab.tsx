import { Group, Paper, Text, ThemeIcon, Title } from '@mantine/core';
import type { CampaignTab } from './tabs';

/** A campaign tab whose settings are not built yet: it says what it will hold. */
export function PlannedTab({ tab }: { tab: CampaignTab }) {
  const Icon = tab.icon;
  return (
    <Paper withBorder p="xl" maw={760}>
      <Group wrap="nowrap" align="flex-start" gap="md">
        <ThemeIcon variant="light" size="xl" radius="md">
          <Icon size={22} aria-hidden />
        </ThemeIcon>
        <div>
          <Title order={2} size="h4">
            {tab.label}
          </Title>
          <Text c="dimmed" mt={4}>
            {tab.description}
          </Text>
        </div>
      </Group>
    </Paper>
  );
}
