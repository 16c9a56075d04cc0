import { Button, EmptyState } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useT } from '../i18n';
import { usePageTitle } from '../lib/page';

export function NotFoundPage() {
  const t = useT();
  usePageTitle(t('notFound.title'));
  return (
    <EmptyState mt="xl">
      <EmptyState.Indicator>
        <IconMapOff aria-hidden />
      </EmptyState.Indicator>
      <EmptyState.Title order={1}>{t('notFound.title')}</EmptyState.Title>
      <EmptyState.Description>{t('notFound.text')}</EmptyState.Description>
      <EmptyState.Actions>
        <Button component={Link} to="/" variant="light">
          {t('notFound.home')}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
