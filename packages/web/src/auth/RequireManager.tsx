import { Outlet } from 'react-router';
import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useT } from '../i18n';
import { usePageTitle } from '../lib/page';
import { homePath, isManager, useAuth } from './AuthContext';

function NoAccess() {
  const me = useAuth();
  const t = useT();
  usePageTitle(t('access.title'));
  return (
    <Center mih={320}>
      <Stack align="center" gap="sm">
        <IconLock size={40} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
        <Title order={1} size="h3" ta="center">
          {t('access.title')}
        </Title>
        <Text c="dimmed" ta="center">
          {t('access.text')}
        </Text>
        <Button component={Link} to={homePath(me)} variant="light">
          {t('access.toConsole')}
        </Button>
      </Stack>
    </Center>
  );
}

/** Management pages; agent-only users get a plain message (the API answers 403 to them as well). */
export function RequireManager() {
  const me = useAuth();
  return isManager(me) ? <Outlet /> : <NoAccess />;
}
