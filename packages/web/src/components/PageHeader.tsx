import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePageTitle } from '../lib/page';

interface Props {
  title: string;
  description?: ReactNode;
  /** Buttons on the right. */
  actions?: ReactNode;
}

/** The page's heading (its h1) and the tab's title. */
export function PageHeader({ title, description, actions }: Props) {
  usePageTitle(title);
  return (
    <Group justify="space-between" align="flex-start" mb="lg" gap="sm">
      <Stack gap={4} maw="100%">
        <Title order={1} size="h2">
          {title}
        </Title>
        {description && <Text c="dimmed">{description}</Text>}
      </Stack>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}
