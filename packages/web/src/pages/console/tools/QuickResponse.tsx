import { useEffect, useId, useState } from 'react';
import { Group, Select, Stack, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { CANNED_QUERY_MAX, type AgentChatSummary } from '@parley/protocol';
import { useCannedSearch, useChatCannedForums } from '../../../api/cannedResponses';
import { ApiError } from '../../../api/client';
import { toolKeys } from '../../../api/tools';
import { useT } from '../../../i18n';
import { errorMessage } from '../../../lib/errors';
import classes from './Tools.module.css';

const ALL = 'all';

/**
 * The Details panel's Quick Response (TLS-2): search the chat's canned responses by any word of the shortkey,
 * question or answer, in one of the campaign's forums (the drop-down on the right) or all; choosing a result puts
 * its answer into the composer at the caret.
 */
export function QuickResponse({
  chat,
  onInsert,
}: {
  chat: AgentChatSummary;
  /** Puts the answer into the chat's message field at the cursor. */
  onInsert: (text: string) => void;
}) {
  const t = useT();
  const chatId = chat.id;
  const closed = chat.status === 'closed';
  const [q, setQ] = useState('');
  const [forum, setForum] = useState<string>(ALL);
  const [query] = useDebouncedValue(q.trim(), 200);
  const forums = useChatCannedForums(chatId);
  const forumId = forum === ALL ? null : forum;
  const results = useCannedSearch(chatId, query, forumId, forums.isSuccess && forums.data.items.length > 0);
  const resultsId = useId();
  const headingId = useId();
  // The tool was turned off meanwhile: the console learns it and the section leaves.
  const queryClient = useQueryClient();
  const error = forums.error ?? results.error;
  const off = error instanceof ApiError && error.code === 'tool_disabled';
  useEffect(() => {
    if (off) void queryClient.invalidateQueries({ queryKey: toolKeys.chat(chatId) });
  }, [off, chatId, queryClient]);

  const heading = (
    <Title order={2} size="h5" id={headingId}>
      {t('canned.quickResponse')}
    </Title>
  );
  if (forums.isPending || forums.isError || forums.data.items.length === 0)
    return (
      <Stack gap="xs" component="section" aria-labelledby={headingId}>
        {heading}
        {forums.isError ? (
          <Text size="sm" c="red.8">
            {errorMessage(forums.error)}
          </Text>
        ) : forums.isPending ? null : (
          <Text size="sm" c="dimmed">
            {t('canned.noForumsForChat')}
          </Text>
        )}
      </Stack>
    );

  const items = results.data?.items ?? [];

  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId} data-testid="quick-response">
      {heading}
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
              // The whole card chooses (the button's area covers it); the answer describes the button.
              <li key={hit.id} className={classes.result}>
                <button
                  type="button"
                  className={classes.resultButton}
                  onClick={() => onInsert(hit.answer)}
                  disabled={closed}
                  aria-describedby={`${resultsId}-${hit.id}`}
                >
                  <Text span size="sm" fw={600}>
                    {hit.shortkey ? `#${hit.shortkey}` : ''}
                  </Text>{' '}
                  <Text span size="sm">
                    {hit.question}
                  </Text>
                </button>
                <Text size="xs" c="dimmed" className={classes.answer} id={`${resultsId}-${hit.id}`}>
                  {hit.answer}
                </Text>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Stack>
  );
}
