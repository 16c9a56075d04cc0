import { Alert, Button, Center, Loader } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { ApiError } from '../api/client';
import { errorMessage } from '../lib/errors';

export function LoadingBlock() {
  return (
    <Center py="xl">
      <Loader size="sm" aria-label="Loading" />
    </Center>
  );
}

export function ErrorBlock({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  // Retrying helps with a lost connection or a server hiccup, not with "not found" or "forbidden".
  const retryable = !(error instanceof ApiError && error.status >= 400 && error.status < 500);
  return (
    <Alert color="red" icon={<IconAlertCircle />} title="Could not load this">
      {errorMessage(error)}
      {onRetry && retryable && (
        <Button display="block" mt="sm" size="xs" variant="light" color="red" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Alert>
  );
}
