import { useEffect, useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconMessages } from '@tabler/icons-react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { LoginRequest, type Me } from '@livechat/protocol';
import { ApiError, request } from '../../api/client';
import { usePublicConfig } from '../../api/config';
import { homePath } from '../../auth/AuthContext';
import { useMeQuery, useSetMe } from '../../auth/useMe';
import { FullPageLoader } from '../../components/FullPage';
import { errorMessage } from '../../lib/errors';
import { schemaErrors } from '../../lib/forms';
import { useCountdown } from './useCountdown';

function redirectTarget(state: unknown): string | null {
  if (typeof state !== 'object' || state === null || !('from' in state)) return null;
  const from = (state as { from: unknown }).from;
  // Only same-app paths; never an absolute URL someone put in the history state.
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login'
    ? from
    : null;
}

export function LoginPage() {
  const me = useMeQuery();
  const config = usePublicConfig();
  const setMe = useSetMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [failure, setFailure] = useState<ApiError | Error | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const secondsLeft = useCountdown(retryAt);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: (values) => schemaErrors(LoginRequest, values) ?? {},
  });

  // Once the wait is over the rate-limit message is stale.
  useEffect(() => {
    if (retryAt !== null && secondsLeft === 0 && Date.now() >= retryAt) {
      setRetryAt(null);
      setFailure(null);
    }
  }, [retryAt, secondsLeft]);

  if (me.isPending) return <FullPageLoader />;
  if (me.data) return <Navigate to={redirectTarget(location.state) ?? homePath(me.data)} replace />;

  const productName = config.data?.productName ?? 'Parley';

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      const signedIn = await request<Me>('/api/auth/login', {
        method: 'POST',
        body: values,
        redirectOn401: false,
      });
      setMe(signedIn);
      await navigate(redirectTarget(location.state) ?? homePath(signedIn), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 429 && err.retryAfter !== undefined) {
        setRetryAt(Date.now() + err.retryAfter * 1000);
      }
      if (err instanceof ApiError && err.status === 400 && err.fields) form.setErrors(err.fields);
      setFailure(err instanceof Error ? err : new Error(errorMessage(err)));
      form.setFieldValue('password', '');
    }
  });

  const rateLimited = failure instanceof ApiError && failure.status === 429;

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Stack w="100%" maw={400} gap="lg">
        <Group justify="center" gap="xs">
          <IconMessages size={32} color="var(--mantine-primary-color-filled)" aria-hidden />
          <Title order={1} size="h2">
            {productName}
          </Title>
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <form onSubmit={submit} noValidate>
            <Stack>
              <Title order={2} size="h4">
                Sign in to the management interface
              </Title>
              {failure && (
                <Alert
                  color="red"
                  icon={<IconAlertCircle />}
                  role="alert"
                  title={
                    rateLimited && secondsLeft > 0
                      ? `Too many attempts, try again in ${secondsLeft} s`
                      : undefined
                  }
                >
                  {failure.message}
                </Alert>
              )}
              <TextInput
                label="Email"
                type="email"
                autoComplete="username"
                autoFocus
                {...form.getInputProps('email')}
              />
              <PasswordInput
                label="Password"
                autoComplete="current-password"
                {...form.getInputProps('password')}
              />
              <Button
                type="submit"
                loading={form.submitting}
                disabled={rateLimited && secondsLeft > 0}
                fullWidth
              >
                Login
              </Button>
              <Group justify="flex-end">
                <Anchor
                  href={config.data?.helpUrl ?? '#'}
                  target="_blank"
                  rel="noopener noreferrer"
                  size="sm"
                  aria-disabled={!config.data}
                >
                  Help
                </Anchor>
              </Group>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Center>
  );
}
