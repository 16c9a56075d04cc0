import { useRef, useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Code,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCircleCheck, IconSend } from '@tabler/icons-react';
import { Link } from 'react-router';
import {
  FollowUpSettingsInput,
  SmtpSecurity,
  SmtpTestInput,
  smtpDefaultPort,
  type FollowUpKind,
  type FollowUpSettings,
  type SmtpTestResult,
} from '@parley/protocol';
import {
  useFailedFollowUps,
  useFollowUpPreview,
  useFollowUpSettings,
  useRetryFollowUp,
  useSaveFollowUpSettings,
  useSendTestEmail,
} from '../../../api/followUps';
import { useMeQuery } from '../../../auth/useMe';
import { ErrorBlock, LoadingBlock } from '../../../components/QueryState';
import { SubmitButton } from '../../../components/SubmitButton';
import { currentIntl, useT } from '../../../i18n';
import { focusFirstError, schemaErrors, showSubmitError } from '../../../lib/forms';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useUnsavedChanges } from '../../../lib/unsaved';
import { useCampaignOfPage } from '../campaignContext';

/**
 * The campaign's "Follow-ups" tab (handbook "Follow-ups"; FUP-1, FUP-2): the SMTP server with its switch and a
 * test email, a preview of what visitors receive, and the follow-ups that could not be sent, with "Retry".
 */
export function FollowUpsTab() {
  const campaign = useCampaignOfPage();
  const settings = useFollowUpSettings(campaign.id);
  return (
    <Stack gap="lg" maw={900}>
      {settings.isPending ? (
        <LoadingBlock />
      ) : settings.isError ? (
        <ErrorBlock error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SmtpForm campaignId={campaign.id} settings={settings.data} />
      )}
      <EmailPreview campaignId={campaign.id} />
      <FailedList campaignId={campaign.id} />
    </Stack>
  );
}

type Values = Omit<FollowUpSettings, 'passwordSet'> & { password: string; removePassword: boolean };

const valuesOf = (s: FollowUpSettings): Values => {
  const { passwordSet: _, ...rest } = s;
  return { ...rest, password: '', removePassword: false };
};

/** The body the API takes: the password only when typed (or `null` to remove the saved one). */
function bodyOf(v: Values): FollowUpSettingsInput {
  const { password, removePassword, ...rest } = v;
  return { ...rest, ...(password ? { password } : removePassword ? { password: null } : {}) };
}

function SmtpForm({ campaignId, settings }: { campaignId: string; settings: FollowUpSettings }) {
  const t = useT();
  const me = useMeQuery();
  const save = useSaveFollowUpSettings(campaignId);
  const test = useSendTestEmail(campaignId);
  const formRef = useRef<HTMLFormElement>(null);
  const [testTo, setTestTo] = useState(me.data?.user.email ?? '');
  const [testToError, setTestToError] = useState<string | null>(null);
  const [result, setResult] = useState<SmtpTestResult | null>(null);
  const form = useForm<Values>({ initialValues: valuesOf(settings) });
  const { guard } = useUnsavedChanges(form.isDirty());

  const submit = form.onSubmit((values) => {
    const body = bodyOf(values);
    const errors = schemaErrors(FollowUpSettingsInput, body);
    if (errors) {
      form.setErrors(errors);
      focusFirstError(formRef.current);
      return;
    }
    save.mutate(body, {
      onSuccess: (saved) => {
        form.setInitialValues(valuesOf(saved));
        form.setValues(valuesOf(saved));
        notifySuccess(t('followUps.saved'));
      },
      onError: (err) => {
        showSubmitError(form, err, t('followUps.couldNotSave'));
        focusFirstError(formRef.current);
      },
    });
  });

  const sendTest = () => {
    setResult(null);
    setTestToError(null);
    const body: SmtpTestInput = { ...bodyOf(form.getValues()), to: testTo.trim() };
    const errors = schemaErrors(SmtpTestInput, body);
    if (errors) {
      const { to, ...fields } = errors;
      form.setErrors(fields);
      if (to) setTestToError(to);
      focusFirstError(formRef.current);
      return;
    }
    test.mutate(body, {
      onSuccess: setResult,
      onError: (err) => notifyError(t('followUps.couldNotTest'), err),
    });
  };

  const passwordSet = settings.passwordSet && !form.values.removePassword;
  return (
    <Paper withBorder p="lg">
      {guard}
      <form ref={formRef} noValidate onSubmit={submit}>
        <Title order={2} size="h4">
          {t('followUps.smtp')}
        </Title>
        <Text size="sm" c="dimmed" mt={4}>
          {t('followUps.smtpText')}
        </Text>
        <Switch
          mt="md"
          size="md"
          label={t('followUps.enabled')}
          description={t('followUps.enabledText')}
          {...form.getInputProps('enabled', { type: 'checkbox' })}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="md" spacing="md">
          <TextInput
            label={t('followUps.host')}
            description={t('followUps.hostText')}
            autoComplete="off"
            {...form.getInputProps('host')}
          />
          <Group grow align="flex-start" gap="md">
            <NumberInput
              label={t('followUps.port')}
              min={1}
              max={65535}
              allowDecimal={false}
              hideControls
              {...form.getInputProps('port')}
            />
          </Group>
        </SimpleGrid>
        <Stack gap={4} mt="md">
          <Text size="sm" fw={500} id="fup-security-label">
            {t('followUps.security')}
          </Text>
          <SegmentedControl
            aria-labelledby="fup-security-label"
            data={Object.values(SmtpSecurity).map((s) => ({ value: s, label: t(`followUps.security.${s}`) }))}
            value={form.values.security}
            onChange={(v) => {
              const security = v as SmtpSecurity;
              // The usual port of the new security, unless the manager typed another one.
              if (Object.values(smtpDefaultPort).includes(form.values.port))
                form.setFieldValue('port', smtpDefaultPort[security]);
              form.setFieldValue('security', security);
            }}
            style={{ alignSelf: 'flex-start' }}
          />
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="md" spacing="md">
          <TextInput
            label={t('followUps.username')}
            description={t('followUps.usernameText')}
            autoComplete="off"
            {...form.getInputProps('username')}
          />
          <Stack gap={6}>
            <PasswordInput
              label={t('followUps.password')}
              description={passwordSet ? t('followUps.passwordSet') : t('followUps.passwordNotSet')}
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
            {settings.passwordSet && (
              <Checkbox
                label={t('followUps.removePassword')}
                {...form.getInputProps('removePassword', { type: 'checkbox' })}
              />
            )}
          </Stack>
          <TextInput
            label={t('followUps.fromAddress')}
            type="email"
            autoComplete="off"
            {...form.getInputProps('fromAddress')}
          />
          <TextInput
            label={t('followUps.fromName')}
            description={t('followUps.fromNameText')}
            autoComplete="off"
            {...form.getInputProps('fromName')}
          />
          <TextInput
            label={t('followUps.replyTo')}
            description={t('followUps.replyToText')}
            type="email"
            autoComplete="off"
            {...form.getInputProps('replyTo')}
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="lg">
          <SubmitButton busy={save.isPending}>{t('forms.save')}</SubmitButton>
        </Group>
      </form>

      <Stack gap="xs" mt="lg" pt="lg" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Title order={3} size="h5">
          {t('followUps.test')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('followUps.testText')}
        </Text>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('followUps.testTo')}
            type="email"
            value={testTo}
            error={testToError}
            onChange={(e) => setTestTo(e.currentTarget.value)}
            style={{ flex: '1 1 260px' }}
          />
          <Button
            variant="default"
            leftSection={<IconSend size={16} aria-hidden />}
            loading={test.isPending}
            onClick={sendTest}
          >
            {t('followUps.test')}
          </Button>
        </Group>
        <div role="status" aria-live="polite">
          {result && <TestResult result={result} />}
        </div>
      </Stack>
    </Paper>
  );
}

function TestResult({ result }: { result: SmtpTestResult }) {
  const t = useT();
  return result.ok ? (
    <Alert color="teal" icon={<IconCircleCheck aria-hidden />} title={t('followUps.testSent')}>
      {t('followUps.serverAnswered', { answer: result.response })}
    </Alert>
  ) : (
    <Alert
      color="red"
      icon={<IconAlertTriangle aria-hidden />}
      title={t(`followUps.testFailed.${result.reason}`)}
    >
      <Text size="sm" style={{ wordBreak: 'break-word' }}>
        {t('followUps.serverAnswered', { answer: result.detail })}
      </Text>
    </Alert>
  );
}

function EmailPreview({ campaignId }: { campaignId: string }) {
  const t = useT();
  const [kind, setKind] = useState<FollowUpKind>('transcript');
  const [showText, setShowText] = useState(false);
  const preview = useFollowUpPreview(campaignId, kind);
  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h4">
        {t('followUps.preview')}
      </Title>
      <Text size="sm" c="dimmed" mt={4}>
        {t('followUps.previewText')}
      </Text>
      <Group mt="md" justify="space-between" gap="sm">
        <SegmentedControl
          aria-label={t('followUps.previewKind')}
          value={kind}
          onChange={(v) => setKind(v as FollowUpKind)}
          data={[
            { value: 'transcript', label: t('followUps.previewKind.transcript') },
            { value: 'answer', label: t('followUps.previewKind.answer') },
          ]}
        />
        <Switch
          label={t('followUps.showText')}
          checked={showText}
          onChange={(e) => setShowText(e.currentTarget.checked)}
        />
      </Group>
      {preview.isPending ? (
        <LoadingBlock />
      ) : preview.isError ? (
        <ErrorBlock error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        <Stack gap="xs" mt="md">
          <Text size="sm" fw={500}>
            {t('followUps.subject', { subject: preview.data.subject })}
          </Text>
          {showText ? (
            <Code block style={{ whiteSpace: 'pre-wrap' }}>
              {preview.data.text}
            </Code>
          ) : (
            // Not sandboxed: a sandbox without scripts also keeps out the accessibility checker (axe), and this
            // document needs none: the server escapes everything people wrote, and a srcdoc frame runs under this
            // page's Content-Security-Policy (no inline script).
            <iframe
              title={t('followUps.previewFrame', { subject: preview.data.subject })}
              srcDoc={preview.data.html}
              style={{
                width: '100%',
                height: 460,
                border: '1px solid var(--mantine-color-gray-3)',
                borderRadius: 4,
              }}
            />
          )}
        </Stack>
      )}
    </Paper>
  );
}

function FailedList({ campaignId }: { campaignId: string }) {
  const t = useT();
  const failed = useFailedFollowUps(campaignId);
  const retry = useRetryFollowUp(campaignId);
  const when = (iso: string) =>
    currentIntl().formatDate(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h4">
        {t('followUps.failed')}
      </Title>
      <Text size="sm" c="dimmed" mt={4}>
        {t('followUps.failedText')}
      </Text>
      {failed.isPending ? (
        <LoadingBlock />
      ) : failed.isError ? (
        <ErrorBlock error={failed.error} onRetry={() => void failed.refetch()} />
      ) : failed.data.items.length === 0 ? (
        <Text mt="md">{t('followUps.failedNone')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720} type="native" mt="md">
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('followUps.col.failedAt')}</Table.Th>
                <Table.Th>{t('followUps.col.kind')}</Table.Th>
                <Table.Th>{t('followUps.col.to')}</Table.Th>
                <Table.Th>{t('followUps.col.reason')}</Table.Th>
                <Table.Th>{t('followUps.col.attempts')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {failed.data.items.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>{when(f.failedAt)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/chats/${f.chatId}`}>
                      {t(`followUps.kind.${f.kind}`)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{f.to}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word' }}>{f.lastError}</Table.Td>
                  <Table.Td>{f.attempts}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t('followUps.retryLabel', { to: f.to })}
                      loading={retry.isPending && retry.variables === f.id}
                      onClick={() =>
                        retry.mutate(f.id, {
                          onSuccess: () => notifySuccess(t('followUps.retried', { to: f.to })),
                          onError: (err) => notifyError(t('followUps.couldNotRetry'), err),
                        })
                      }
                    >
                      {t('followUps.retry')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
