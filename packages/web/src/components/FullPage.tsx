import { Alert, Button, Center, Stack } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useT } from '../i18n';
import { errorMessage } from '../lib/errors';
import { Spinner } from './Spinner';

export function FullPageLoader({ waitingForNetwork = false }: { waitingForNetwork?: boolean }) {
  const t = useT();
  return (
    <Center h="100vh" p="md">
      {waitingForNetwork ? (
        <Alert color="orange" title={t('common.offlineTitle')} role="status" maw={420}>
          {t('common.offlineWaiting')}
        </Alert>
      ) : (
        <Spinner size="md" />
      )}
    </Center>
  );
}

export function FullPageError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useT();
  return (
    <Center h="100vh" p="md">
      <Stack maw={420}>
        <Alert
          color="red"
          icon={<IconAlertCircle aria-hidden />}
          title={t('common.somethingWentWrong')}
          role="alert"
        >
          {errorMessage(error)}
        </Alert>
        <Button onClick={onRetry} variant="light">
          {t('common.tryAgain')}
        </Button>
      </Stack>
    </Center>
  );
}
