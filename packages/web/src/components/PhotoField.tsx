import { Button, FileButton, Group, Input, Stack, Text } from '@mantine/core';
import { IconTrash, IconUpload } from '@tabler/icons-react';

import type { User } from '@parley/protocol';
import { useT } from '../i18n';
import { photoHint, PHOTO_ACCEPT } from '../lib/photo';
import { UserAvatar } from './UserAvatar';

interface Props {
  /** Names for the initials shown without a photo, and the photo to show. */
  user: Pick<User, 'firstName' | 'lastName' | 'photoUrl'>;
  onPick: (file: File) => void;
  onRemove?: () => void;
  busy?: boolean;
  error?: string | null;
}

/** Profile photo: preview, upload and remove. The hidden file input is labelled "Photo" for tests and assistive tech. */
export function PhotoField({ user, onPick, onRemove, busy, error }: Props) {
  const t = useT();
  return (
    <Input.Wrapper label={t('photo.label')} description={photoHint()} error={error} labelElement="div">
      <Group gap="md" mt={6}>
        <UserAvatar user={user} size={64} />
        <Stack gap={6}>
          <Group gap="xs">
            <FileButton
              onChange={(file) => file && onPick(file)}
              accept={PHOTO_ACCEPT}
              disabled={busy}
              inputProps={{ 'aria-label': t('photo.label') }}
            >
              {(props) => (
                <Button
                  {...props}
                  variant="default"
                  size="xs"
                  loading={busy}
                  leftSection={<IconUpload size={14} aria-hidden />}
                >
                  {user.photoUrl ? t('photo.change') : t('photo.upload')}
                </Button>
              )}
            </FileButton>
            {user.photoUrl && onRemove && (
              <Button
                variant="subtle"
                color="red"
                size="xs"
                disabled={busy}
                leftSection={<IconTrash size={14} aria-hidden />}
                onClick={onRemove}
              >
                {t('photo.remove')}
              </Button>
            )}
          </Group>
          {!user.photoUrl && (
            <Text size="xs" c="dimmed">
              {t('photo.none')}
            </Text>
          )}
        </Stack>
      </Group>
    </Input.Wrapper>
  );
}
