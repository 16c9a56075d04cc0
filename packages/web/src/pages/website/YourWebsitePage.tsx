import { useState } from 'react';
import { Button, Code, CopyButton, EmptyState, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconCopy, IconWorldWww } from '@tabler/icons-react';
import { useSnippet, useWebsites } from '../../api/websites';
import { PageHeader } from '../../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { useT, useRichT } from '../../i18n';
import { AddWebsiteForm } from './AddWebsiteForm';
import classes from './YourWebsite.module.css';

function Snippet({ websiteId }: { websiteId: string }) {
  const snippet = useSnippet(websiteId);
  const t = useT();
  const rich = useRichT();
  if (snippet.isPending) return <LoadingBlock />;
  if (snippet.isError) return <ErrorBlock error={snippet.error} onRetry={() => void snippet.refetch()} />;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {rich('website.pasteHere', {
          tag: <Code>&lt;/body&gt;</Code>,
          host: (
            <Text span fw={500} c="var(--mantine-color-text)">
              {snippet.data.host}
            </Text>
          ),
        })}
      </Text>
      <div className={classes.snippet}>
        <Code block aria-label={t('website.embedCode')} className={classes.code}>
          {snippet.data.snippet}
        </Code>
        <CopyButton value={snippet.data.snippet} timeout={2000}>
          {({ copied, copy }) => (
            <Button
              onClick={copy}
              size="xs"
              variant={copied ? 'filled' : 'default'}
              color={copied ? 'teal' : undefined}
              leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
              className={classes.copy}
            >
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
      </div>
    </Stack>
  );
}

export function YourWebsitePage() {
  const websites = useWebsites();
  const t = useT();
  const [chosen, setChosen] = useState<string | null>(null);
  const items = websites.data?.items ?? [];
  // The first website is shown until the manager picks another (or adds one).
  const websiteId = chosen && items.some((w) => w.id === chosen) ? chosen : (items[0]?.id ?? null);

  return (
    <>
      <PageHeader title={t('nav.yourWebsite')} description={t('website.description')} />
      <Stack gap="lg" maw={860}>
        <Paper withBorder p="lg">
          <Title order={2} size="h4" mb="md">
            {t('website.embedCode')}
          </Title>
          {websites.isPending ? (
            <LoadingBlock />
          ) : websites.isError ? (
            <ErrorBlock error={websites.error} onRetry={() => void websites.refetch()} />
          ) : items.length === 0 ? (
            <EmptyState
              icon={<IconWorldWww aria-hidden />}
              title={t('website.none')}
              description={t('website.noneText')}
            />
          ) : (
            <Stack>
              <Select
                label={t('website.website')}
                data={items.map((w) => ({ value: w.id, label: w.host }))}
                value={websiteId}
                onChange={setChosen}
                allowDeselect={false}
                searchable={items.length > 8}
                maw={360}
              />
              {websiteId && <Snippet websiteId={websiteId} />}
            </Stack>
          )}
        </Paper>
        <AddWebsiteForm onAdded={(website) => setChosen(website.id)} />
      </Stack>
    </>
  );
}
