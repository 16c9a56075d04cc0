import { useState } from 'react';
import {
  Alert,
  Button,
  Code,
  CopyButton,
  EmptyState,
  Group,
  Paper,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  IconCheck,
  IconChevronDown,
  IconChevronUp,
  IconCopy,
  IconDownload,
  IconLink,
} from '@tabler/icons-react';
import { EXPORT_REPORTS, type ExportLink, type ExportReport } from '@parley/protocol';
import { exportUrl, useCreateExportLink, useExportLinks, useRevokeExportLink } from '../../api/exports';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PageHeader } from '../../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { currentIntl, useT, type MessageKey } from '../../i18n';
import { notifyError, notifySuccess } from '../../lib/notify';
import { periodOf, periodProblem, type ChatFilterView } from './chatFilters';
import { PeriodFields } from './PeriodFields';

type PeriodValue = Pick<ChatFilterView, 'period' | 'from' | 'to'>;

const reportName = (r: ExportReport) => `exports.report.${r}` as MessageKey;
const reportText = (r: ExportReport) => `exports.report.${r}.text` as MessageKey;

function formatDateTime(iso: string): string {
  return currentIntl().formatDate(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
}

/** EXP-1…8: choose a report and a period, and download it as CSV. */
function Download({ timeZone }: { timeZone: string }) {
  const t = useT();
  const [report, setReport] = useState<ExportReport>('conversations');
  const [value, setValue] = useState<PeriodValue>({ period: 'last7', from: null, to: null });
  const period = periodProblem(value) ? null : periodOf(value, new Date(), timeZone);
  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h4" mb="md">
        {t('exports.download')}
      </Title>
      <Stack gap="lg">
        <Radio.Group
          label={t('exports.report')}
          value={report}
          onChange={(v) => setReport(v as ExportReport)}
        >
          <Stack gap="sm" mt="xs">
            {EXPORT_REPORTS.map((r) => (
              <Radio key={r} value={r} label={t(reportName(r))} description={t(reportText(r))} />
            ))}
          </Stack>
        </Radio.Group>
        <Group align="flex-start" gap="md">
          <PeriodFields
            value={value}
            timeZone={timeZone}
            onPeriod={(choice, range) =>
              setValue({ period: choice, from: range?.from ?? null, to: range?.to ?? null })
            }
            onDate={(key, date) => setValue({ ...value, [key]: date })}
          />
        </Group>
        <Text size="sm" c="dimmed">
          {period
            ? t('exports.periodSummary', { from: period.from, to: period.to, timeZone })
            : t('exports.fixPeriod')}
        </Text>
        <Group>
          {period ? (
            <Button
              component="a"
              href={exportUrl(report, period)}
              download
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('exports.downloadReport', { report: t(reportName(report)) })}
            </Button>
          ) : (
            <Button disabled leftSection={<IconDownload size={16} aria-hidden />}>
              {t('exports.downloadReport', { report: t(reportName(report)) })}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function NewLink({ url }: { url: string }) {
  const t = useT();
  return (
    <Alert color="teal" title={t('exports.linkCreated')} icon={<IconLink aria-hidden />}>
      <Stack gap="xs">
        <Text size="sm">{t('exports.linkOnce')}</Text>
        <Code block aria-label={t('exports.linkUrl')} style={{ wordBreak: 'break-all' }}>
          {url}
        </Code>
        <Text size="sm">{t('exports.linkPeriodHelp')}</Text>
        <Group>
          <CopyButton value={url} timeout={2000}>
            {({ copied, copy }) => (
              <Button
                onClick={copy}
                size="xs"
                variant={copied ? 'filled' : 'default'}
                color={copied ? 'teal' : undefined}
                leftSection={
                  copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />
                }
              >
                {copied ? t('common.copied') : t('exports.copyLink')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}

function LinkRows({ items, onRevoke }: { items: ExportLink[]; onRevoke: (l: ExportLink) => void }) {
  const t = useT();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('exports.report')}</Table.Th>
            <Table.Th>{t('exports.created')}</Table.Th>
            <Table.Th>{t('exports.lastUsed')}</Table.Th>
            <Table.Th>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td>{t(reportName(l.report))}</Table.Td>
              <Table.Td>{formatDateTime(l.createdAt)}</Table.Td>
              <Table.Td>{l.lastUsedAt ? formatDateTime(l.lastUsedAt) : t('exports.neverUsed')}</Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => onRevoke(l)}
                  aria-label={t('exports.revokeLinkOf', {
                    report: t(reportName(l.report)),
                    created: formatDateTime(l.createdAt),
                  })}
                >
                  {t('exports.revoke')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** EXP-9: permanent links with a secret token, listed with their last use, revocable. */
function TokenLinks() {
  const t = useT();
  const links = useExportLinks();
  const create = useCreateExportLink();
  const revoke = useRevokeExportLink();
  const [report, setReport] = useState<ExportReport>('conversations');
  const [created, setCreated] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ExportLink | null>(null);

  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h4" mb="xs">
        {t('exports.links')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('exports.linksText')}
      </Text>
      <Stack gap="lg">
        <Group align="flex-end">
          <Select
            label={t('exports.linkReport')}
            data={EXPORT_REPORTS.map((r) => ({ value: r, label: t(reportName(r)) }))}
            value={report}
            onChange={(v) => v && setReport(v as ExportReport)}
            allowDeselect={false}
            w={260}
          />
          <Button
            leftSection={<IconLink size={16} aria-hidden />}
            loading={create.isPending}
            onClick={() =>
              create.mutate(report, {
                onSuccess: (res) => setCreated(res.url),
                onError: (err) => notifyError(t('exports.linkFailed'), err),
              })
            }
          >
            {t('exports.createLink')}
          </Button>
        </Group>
        {created && <NewLink url={created} />}
        {links.isPending ? (
          <LoadingBlock />
        ) : links.isError ? (
          <ErrorBlock error={links.error} onRetry={() => void links.refetch()} />
        ) : links.data.items.length === 0 ? (
          <EmptyState
            icon={<IconLink aria-hidden />}
            title={t('exports.noLinks')}
            description={t('exports.noLinksText')}
          />
        ) : (
          <LinkRows items={links.data.items} onRevoke={setRevoking} />
        )}
      </Stack>
      <ConfirmModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('exports.revokeTitle')}
        confirmLabel={t('exports.revoke')}
        loading={revoke.isPending}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              setRevoking(null);
              setCreated(null);
              notifySuccess(t('exports.revoked'));
            },
            onError: (err) => notifyError(t('exports.revokeFailed'), err),
          })
        }
      >
        {revoking && t('exports.revokeText', { report: t(reportName(revoking.report)) })}
      </ConfirmModal>
    </Paper>
  );
}

export function ExportsPage() {
  const t = useT();
  const me = useAuth();
  const [more, setMore] = useState(false);
  return (
    <>
      <PageHeader title={t('chats.exports')} description={t('exports.description')} />
      <Stack gap="lg" maw={900}>
        <Download timeZone={me.account.timeZone} />
        <div>
          <Button
            variant="default"
            rightSection={
              more ? <IconChevronUp size={16} aria-hidden /> : <IconChevronDown size={16} aria-hidden />
            }
            onClick={() => setMore((m) => !m)}
            aria-expanded={more}
            aria-controls="export-more"
          >
            {more ? t('exports.hideSettings') : t('exports.showSettings')}
          </Button>
        </div>
        {more && (
          <div id="export-more">
            <TokenLinks />
          </div>
        )}
      </Stack>
    </>
  );
}
