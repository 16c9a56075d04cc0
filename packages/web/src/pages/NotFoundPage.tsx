import { Button, EmptyState } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <EmptyState
      mt="xl"
      icon={<IconMapOff />}
      title="Page not found"
      description="The address may be mistyped, or the page no longer exists."
    >
      <EmptyState.Actions>
        <Button component={Link} to="/" variant="light">
          Go to the start page
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
