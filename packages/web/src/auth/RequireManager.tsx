import { Outlet } from 'react-router';
import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { homePath, isManager, useAuth } from './AuthContext';

/** Management pages; agent-only users get a plain message (the API answers 403 to them as well). */
export function RequireManager() {
  const me = useAuth();
  if (isManager(me)) return <Outlet />;
  return (
    <Center mih={320}>
      <Stack align="center" gap="sm">
        <IconLock size={40} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
        <Title order={2} size="h3">
          You don't have access to management pages
        </Title>
        <Text c="dimmed">Your account is for answering chats in the agent console.</Text>
        <Button component={Link} to={homePath(me)} variant="light">
          Go to the agent console
        </Button>
      </Stack>
    </Center>
  );
}
