import { Alert, Button, Center } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { ApiError } from '../api/client';
import { useT } from '../i18n';
import { errorMessage } from '../lib/errors';
import { Spinner } from './Spinner';

export function LoadingBlock() {
  return (
    <Center py="xl">
      <Spinner />
    </Center>
  );
}

export function ErrorBlock({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  // Retrying helps with a lost connection or a server hiccup, not with "not found" or "forbidden".
  const retryable = !(error instanceof ApiError && error.status >= 400 && error.status < 500);
  return (
    <Alert color="red" icon={<IconAlertCircle aria-hidden />} title={t('common.couldNotLoad')}>
      {errorMessage(error)}
      {onRetry && retryable && (
        <Button display="block" mt="sm" size="xs" variant="light" color="red" onClick={onRetry}>
          {t('common.tryAgain')}
        </Button>
      )}
    </Alert>
  );
}
