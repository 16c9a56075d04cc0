import { useEffect, useRef, useState } from 'react';
import { Button, Group, Paper, Stack, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useNavigate, useParams } from 'react-router';
import { CannedForumInput, CANNED_UNDO_SECONDS, type CannedForumDetail } from '@parley/protocol';
import {
  useAddCannedResponse,
  useCannedForum,
  useDeleteCannedForum,
  useDropCannedResponse,
  usePutCannedResponse,
  useRenameCannedForum,
} from '../../../../api/cannedResponses';
import { ConfirmModal } from '../../../../components/ConfirmModal';
import { ErrorBlock, LoadingBlock } from '../../../../components/QueryState';
import { SubmitButton } from '../../../../components/SubmitButton';
import { useT } from '../../../../i18n';
import { submitSettings } from '../../../../lib/forms';
import { notifyError, notifySuccess } from '../../../../lib/notify';
import { useCampaignOfPage } from '../../campaignContext';
import { BackLink } from '../CannedResponsesSettings';
import { focusLater, QaItem, qaDomId } from './QaItem';

const ADD_ID = 'canned-add-qa';

/**
 * A forum (TLS-4, TLS-2, TLS-3): its title at the top with Save, its Q&As ("Click to edit" opens one; its fields
 * save themselves), "Add Q&A" at the bottom, and a removed Q&A's "Undo Removal" for its seconds.
 */
export function ForumPage() {
  const t = useT();
  const { forumId = '' } = useParams();
  const campaign = useCampaignOfPage();
  const forum = useCannedForum(forumId);
  const back = `/campaigns/${encodeURIComponent(campaign.id)}/tools/canned-responses/forums`;

  return (
    <Stack gap="md" maw={860}>
      <BackLink to={back}>{t('canned.backToForums')}</BackLink>
      {forum.isPending ? (
        <LoadingBlock />
      ) : forum.isError ? (
        <ErrorBlock error={forum.error} onRetry={() => void forum.refetch()} />
      ) : (
        <Forum key={forum.data.forum.id} detail={forum.data} back={back} />
      )}
    </Stack>
  );
}

function Forum({ detail, back }: { detail: CannedForumDetail; back: string }) {
  const t = useT();
  const navigate = useNavigate();
  const forumId = detail.forum.id;
  const rename = useRenameCannedForum(forumId);
  const del = useDeleteCannedForum();
  const add = useAddCannedResponse(forumId);
  const put = usePutCannedResponse(forumId);
  const drop = useDropCannedResponse(forumId);
  const [title, setTitle] = useState(detail.forum.title);
  const [titleError, setTitleError] = useState<string | undefined>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [said, setSaid] = useState('');
  const items = detail.items;

  // Say what happened to a Q&A (removed, back, gone) where a screen reader hears it.
  const say = (text: string) => {
    setSaid(text);
    window.setTimeout(() => setSaid(''), 4000);
  };
  const removedCount = items.filter((i) => i.undoMsLeft !== null).length;
  const lastRemoved = useRef(removedCount);
  useEffect(() => {
    if (removedCount > lastRemoved.current) say(t('canned.removedSay', { seconds: CANNED_UNDO_SECONDS }));
    lastRemoved.current = removedCount;
  }, [removedCount, t]);

  const saveTitle = submitSettings({
    schema: CannedForumInput,
    input: () => ({ title }),
    save: (input) => rename.mutateAsync(input.title),
    saved: (forum) => setTitle(forum.title),
    setErrors: (fields) => setTitleError(fields.title),
    savedText: t('canned.forumRenamed', { title: title.trim() }),
    failedTitle: t('canned.couldNotRename'),
  });

  const addQa = () =>
    add.mutate(
      {},
      {
        onSuccess: (item) => {
          setOpen((o) => new Set(o).add(item.id));
          focusLater(qaDomId(item.id, 'shortkey'));
        },
        onError: (err) => notifyError(t('canned.couldNotAdd'), err),
      },
    );

  const gone = (id: string) => {
    const index = items.findIndex((i) => i.id === id);
    const hadFocus = document.activeElement?.id === qaDomId(id, 'undo');
    drop(id);
    say(t('canned.goneSay'));
    if (hadFocus) {
      const next = items[index + 1] ?? items[index - 1];
      focusLater(...(next ? [qaDomId(next.id, 'edit'), qaDomId(next.id, 'undo')] : []), ADD_ID);
    }
  };

  return (
    <>
      <Title order={2} size="h3">
        {detail.forum.title}
      </Title>
      <Paper withBorder p="lg" component="form" noValidate onSubmit={(e) => void saveTitle(e)}>
        <Group align="flex-start" gap="xs">
          <TextInput
            style={{ flex: 1 }}
            label={t('canned.forumTitle')}
            value={title}
            error={titleError}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <SubmitButton busy={rename.isPending} mt={25} disabled={title === detail.forum.title}>
            {t('forms.save')}
          </SubmitButton>
          <Button
            mt={25}
            variant="outline"
            color="red"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={() => setConfirmDelete(true)}
          >
            {t('canned.deleteForum')}
          </Button>
        </Group>
      </Paper>

      <section aria-labelledby="canned-qas-title">
        <Title order={3} size="h4" id="canned-qas-title" mb={4}>
          {t('canned.qas')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('canned.qasText')}
        </Text>
        <VisuallyHidden role="status" aria-live="polite">
          {said}
        </VisuallyHidden>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed" mb="sm">
            {t('canned.noQas')}
          </Text>
        ) : (
          <Stack gap="xs" mb="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((item, i) => (
              <li key={item.id}>
                <QaItem
                  item={item}
                  forumId={forumId}
                  n={i + 1}
                  open={open.has(item.id)}
                  onOpenChange={(o) =>
                    setOpen((s) => {
                      const next = new Set(s);
                      if (o) next.add(item.id);
                      else next.delete(item.id);
                      return next;
                    })
                  }
                  onSaved={put}
                  onGone={gone}
                />
              </li>
            ))}
          </Stack>
        )}
        <Button
          id={ADD_ID}
          mt="sm"
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          loading={add.isPending}
          onClick={addQa}
        >
          {t('canned.addQa')}
        </Button>
      </section>

      <ConfirmModal
        opened={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t('canned.deleteForumQuestion')}
        confirmLabel={t('canned.deleteForum')}
        loading={del.isPending}
        onConfirm={() =>
          del.mutate(forumId, {
            onSuccess: () => {
              setConfirmDelete(false);
              notifySuccess(t('canned.forumDeleted', { title: detail.forum.title }));
              void navigate(back, { replace: true });
            },
            onError: (err) => notifyError(t('canned.couldNotDeleteForum'), err),
          })
        }
      >
        {t('canned.deleteForumText', { title: detail.forum.title, count: detail.forum.responses })}
      </ConfirmModal>
    </>
  );
}
