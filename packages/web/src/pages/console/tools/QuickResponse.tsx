import { useId, useState } from 'react';
import { Group, Select, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { CANNED_QUERY_MAX } from '@parley/protocol';
import { useCannedSearch, useChatCannedForums } from '../../../api/cannedResponses';
import { useT } from '../../../i18n';
import { errorMessage } from '../../../lib/errors';
import { notifyError } from '../../../lib/notify';
import { insertIntoComposer } from './composerInsert';
import classes from './Tools.module.css';

const ALL = 'all';

/**
 * The Details panel's Quick Response (TLS-2): search the chat's canned responses by any word of the shortkey,
 * question or answer, in one of the campaign's forums (the drop-down on the right) or all; choosing a result puts
 * its answer into the composer at the caret.
 */
export function QuickResponse({ chatId }: { chatId: string }) {
  const t = useT();
  const [q, setQ] = useState('');
  const [forum, setForum] = useState<string>(ALL);
  const [query] = useDebouncedValue(q.trim(), 200);
  const forums = useChatCannedForums(chatId);
  const forumId = forum === ALL ? null : forum;
  const results = useCannedSearch(chatId, query, forumId, forums.isSuccess && forums.data.items.length > 0);
  const resultsId = useId();

  if (forums.isPending) return null;
  if (forums.isError)
    return (
      <Text size="sm" c="red.8">
        {errorMessage(forums.error)}
      </Text>
    );
  if (forums.data.items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('canned.noForumsForChat')}
      </Text>
    );

  const insert = (answer: string) => {
    if (!insertIntoComposer(chatId, answer))
      notifyError(t('canned.couldNotInsert'), new Error(t('canned.noComposer')));
  };
  const items = results.data?.items ?? [];

  return (
    <Stack gap="xs" data-testid="quick-response">
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <TextInput
          style={{ flex: 1, minWidth: 0 }}
          type="search"
          size="xs"
          label={t('canned.searchLabel')}
          placeholder={t('canned.searchPlaceholder')}
          leftSection={<IconSearch size={14} aria-hidden />}
          maxLength={CANNED_QUERY_MAX}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          aria-controls={resultsId}
        />
        <Select
          size="xs"
          w={130}
          label={t('canned.forum')}
          allowDeselect={false}
          value={forum}
          onChange={(v) => setForum(v ?? ALL)}
          data={[
            { value: ALL, label: t('canned.allForums') },
            ...forums.data.items.map((f) => ({ value: f.id, label: f.title })),
          ]}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      <VisuallyHidden role="status" aria-live="polite" aria-atomic="true">
        {results.isSuccess && query ? t('canned.resultsSay', { count: items.length }) : ''}
      </VisuallyHidden>
      <div id={resultsId}>
        {results.isError ? (
          <Text size="sm" c="red.8">
            {errorMessage(results.error)}
          </Text>
        ) : results.isPending ? null : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {query ? t('canned.noResults', { q: query }) : t('canned.noResponses')}
          </Text>
        ) : (
          <ul className={classes.results} aria-label={t('canned.results')}>
            {items.map((hit) => (
              <li key={hit.id}>
                <button
                  type="button"
                  className={classes.result}
                  onClick={() => insert(hit.answer)}
                  aria-label={t('canned.insertNamed', {
                    name: hit.shortkey ? `#${hit.shortkey}` : hit.question || hit.answer.slice(0, 40),
                  })}
                  aria-describedby={`${resultsId}-${hit.id}`}
                >
                  <Text span size="sm" fw={600}>
                    {hit.shortkey ? `#${hit.shortkey}` : ''}
                  </Text>{' '}
                  <Text span size="sm">
                    {hit.question}
                  </Text>
                  <Text size="xs" c="dimmed" className={classes.answer} id={`${resultsId}-${hit.id}`}>
                    {hit.answer}
                  </Text>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Stack>
  );
}
