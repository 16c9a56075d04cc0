import { useMemo, useState, type FormEvent } from 'react';
import { Group, Paper, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { IconWorld } from '@tabler/icons-react';
import { ApiError } from '../../api/client';
import { useUpdateAccount } from '../../api/account';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { SubmitButton } from '../../components/SubmitButton';
import { currentIntl, useT } from '../../i18n';
import { translateFields } from '../../lib/errors';
import { notifyError, notifySuccess } from '../../lib/notify';

/** Every IANA time zone this browser knows, UTC first. */
function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}

/** The time now in a zone, in the user's language: shown beside the choice so it can be checked. */
function nowIn(zone: string): string {
  try {
    return currentIntl().formatDate(new Date(), {
      timeZone: zone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
  } catch {
    return '';
  }
}

/**
 * The account's settings (managers): its time zone, used for every date, period filter, statistic and export;
 * whether visitors' IP addresses are kept (TLS-6).
 */
export function AccountPage() {
  const t = useT();
  const me = useAuth();
  const update = useUpdateAccount();
  const [zone, setZone] = useState<string>(me.account.timeZone);
  const [error, setError] = useState<string | null>(null);
  const data = useMemo(() => timeZones().map((z) => ({ value: z, label: z.replaceAll('_', ' ') })), []);
  const changed = zone !== me.account.timeZone;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!zone) {
      setError(t('account.chooseTimeZone'));
      return;
    }
    setError(null);
    update.mutate(
      { timeZone: zone },
      {
        onSuccess: (account) => notifySuccess(t('account.saved', { zone: account.timeZone })),
        onError: (err) => {
          const fields = err instanceof ApiError ? err.fields : undefined;
          if (fields?.timeZone) setError(translateFields(fields).timeZone ?? null);
          else notifyError(t('account.couldNotSave'), err);
        },
      },
    );
  };

  return (
    <>
      <PageHeader title={t('account.title')} description={me.account.name} />
      <Paper withBorder p="lg" maw={640}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Title order={2} size="h4">
              {t('account.timeZone')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('account.timeZoneHelp')}
            </Text>
            <Select
              label={t('account.timeZone')}
              data={data}
              value={zone}
              onChange={(v) => {
                setZone(v ?? '');
                setError(null);
              }}
              searchable
              // Type to find a zone among ~400: a dozen at a time fit without a scrolling list (a scrolling
              // region the keyboard cannot reach fails WCAG; the focus stays in the search field).
              limit={12}
              maxDropdownHeight={520}
              nothingFoundMessage={t('account.noZoneFound')}
              leftSection={<IconWorld size={16} aria-hidden />}
              description={zone ? t('account.nowThere', { time: nowIn(zone) }) : undefined}
              error={error}
              allowDeselect={false}
              maw={420}
            />
            <Group>
              <SubmitButton busy={update.isPending} disabled={!changed}>
                {t('forms.save')}
              </SubmitButton>
            </Group>
          </Stack>
        </form>
      </Paper>
      <VisitorPrivacy />
    </>
  );
}

/** TLS-6: whether visitors' raw IP addresses are kept (off by default); saved as soon as it is switched. */
function VisitorPrivacy() {
  const t = useT();
  const me = useAuth();
  const update = useUpdateAccount();
  const on = update.isPending ? !!update.variables?.storeVisitorIp : me.account.storeVisitorIp;
  return (
    <Paper withBorder p="lg" maw={640} mt="lg">
      <Stack gap="md">
        <Title order={2} size="h4">
          {t('account.visitorsTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('account.visitorsHelp')}
        </Text>
        <Switch
          label={t('account.storeVisitorIp')}
          description={t('account.storeVisitorIpHelp')}
          checked={on}
          disabled={update.isPending}
          onChange={(e) =>
            update.mutate(
              { storeVisitorIp: e.currentTarget.checked },
              {
                onSuccess: (account) =>
                  notifySuccess(t(account.storeVisitorIp ? 'account.visitorIpOn' : 'account.visitorIpOff')),
                onError: (err) => notifyError(t('account.couldNotSave'), err),
              },
            )
          }
        />
      </Stack>
    </Paper>
  );
}
