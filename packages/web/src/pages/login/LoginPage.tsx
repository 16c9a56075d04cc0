import { useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Center, Group, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconMessages } from '@tabler/icons-react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { LoginRequest, type Me } from '@parley/protocol';
import { ApiError, request } from '../../api/client';
import { usePublicConfig } from '../../api/config';
import { homePath } from '../../auth/AuthContext';
import { useMeQuery, useSetMe } from '../../auth/useMe';
import { FullPageLoader } from '../../components/FullPage';
import { SubmitButton } from '../../components/SubmitButton';
import { useT } from '../../i18n';
import { errorMessage, translateFields } from '../../lib/errors';
import { focusFirstError, schemaErrors } from '../../lib/forms';
import { usePageTitle } from '../../lib/page';
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
  const t = useT();
  const [failure, setFailure] = useState<ApiError | Error | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const secondsLeft = useCountdown(retryAt);
  const formRef = useRef<HTMLFormElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: (values) => schemaErrors(LoginRequest, values) ?? {},
  });
  usePageTitle(t('login.title'));

  // Once the wait is over the rate-limit message is stale.
  useEffect(() => {
    if (retryAt !== null && secondsLeft === 0 && Date.now() >= retryAt) {
      setRetryAt(null);
      setFailure(null);
    }
  }, [retryAt, secondsLeft]);

  if (me.isPending) return <FullPageLoader waitingForNetwork={me.fetchStatus === 'paused'} />;
  if (me.data) return <Navigate to={redirectTarget(location.state) ?? homePath(me.data)} replace />;

  const productName = config.data?.productName ?? 'Parley';

  const submit = form.onSubmit(
    async (values) => {
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
        if (err instanceof ApiError && err.status === 400 && err.fields)
          form.setErrors(translateFields(err.fields));
        setFailure(err instanceof Error ? err : new Error(errorMessage(err)));
        form.setFieldValue('password', '');
        // The message is read out (role=alert); the focus goes where the next try starts.
        focusFirstError(formRef.current, passwordRef.current);
      }
    },
    () => focusFirstError(formRef.current),
  );

  const rateLimited = failure instanceof ApiError && failure.status === 429;
  const waiting = rateLimited && secondsLeft > 0;

  return (
    <Center mih="100vh" bg="gray.0" p="md" component="main">
      <Stack w="100%" maw={400} gap="lg">
        <Group justify="center" gap="xs">
          <IconMessages size={32} color="var(--mantine-primary-color-filled)" aria-hidden />
          <Title order={1} size="h2">
            {productName}
          </Title>
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <form ref={formRef} onSubmit={submit} noValidate>
            <Stack>
              <Title order={2} size="h4">
                {t('login.heading')}
              </Title>
              {failure && (
                <Alert
                  color="red"
                  icon={<IconAlertCircle aria-hidden />}
                  role="alert"
                  title={waiting ? t('login.tooManyAttempts', { seconds: secondsLeft }) : undefined}
                >
                  {errorMessage(failure)}
                </Alert>
              )}
              <TextInput
                label={t('login.email')}
                type="email"
                autoComplete="username"
                autoFocus
                {...form.getInputProps('email')}
              />
              <PasswordInput
                ref={passwordRef}
                label={t('login.password')}
                autoComplete="current-password"
                {...form.getInputProps('password')}
              />
              <SubmitButton busy={form.submitting} disabled={waiting} fullWidth>
                {t('login.submit')}
              </SubmitButton>
              <Group justify="flex-end">
                <Anchor
                  href={config.data?.helpUrl ?? '#'}
                  target="_blank"
                  rel="noopener noreferrer"
                  size="sm"
                  aria-disabled={!config.data}
                >
                  {t('login.help')}
                </Anchor>
              </Group>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Center>
  );
}
