import { Badge, Group, Paper, Text, ThemeIcon, Title } from '@mantine/core';
import { useT } from '../../i18n';
import type { CampaignTab } from './tabs';

/** A campaign tab whose settings are not built yet: it says plainly that they are coming, and what they hold. */
export function PlannedTab({ tab }: { tab: CampaignTab }) {
  const t = useT();
  const Icon = tab.icon;
  return (
    <Paper withBorder p="xl" maw={760}>
      <Group wrap="nowrap" align="flex-start" gap="md">
        <ThemeIcon variant="light" size="xl" radius="md">
          <Icon size={22} aria-hidden />
        </ThemeIcon>
        <div>
          <Group gap="xs">
            <Title order={2} size="h4">
              {t(tab.label)}
            </Title>
            <Badge variant="light" color="gray">
              {t('coming.badge')}
            </Badge>
          </Group>
          <Text mt={4}>{t('coming.tab')}</Text>
          <Text c="dimmed" mt={4}>
            {t(tab.description)}
          </Text>
        </div>
      </Group>
    </Paper>
  );
}
