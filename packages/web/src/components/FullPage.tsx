import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { errorMessage } from '../lib/errors';

export function FullPageLoader() {
  return (
    <Center h="100vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}

export function FullPageError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Center h="100vh" p="md">
      <Stack maw={420}>
        <Alert color="red" icon={<IconAlertCircle />} title="Something went wrong">
          {errorMessage(error)}
        </Alert>
        <Button onClick={onRetry} variant="light">
          Try again
        </Button>
      </Stack>
    </Center>
  );
}
