import { Button, FileButton, Group, Input, Stack, Text } from '@mantine/core';
import { IconTrash, IconUpload } from '@tabler/icons-react';

import type { User } from '@livechat/protocol';
import { PHOTO_ACCEPT, PHOTO_HINT } from '../lib/photo';
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
  return (
    <Input.Wrapper label="Photo" description={PHOTO_HINT} error={error} labelElement="div">
      <Group gap="md" mt={6}>
        <UserAvatar user={user} size={64} />
        <Stack gap={6}>
          <Group gap="xs">
            <FileButton
              onChange={(file) => file && onPick(file)}
              accept={PHOTO_ACCEPT}
              disabled={busy}
              inputProps={{ 'aria-label': 'Photo' }}
            >
              {(props) => (
                <Button
                  {...props}
                  variant="default"
                  size="xs"
                  loading={busy}
                  leftSection={<IconUpload size={14} aria-hidden />}
                >
                  {user.photoUrl ? 'Change photo' : 'Upload photo'}
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
                Remove photo
              </Button>
            )}
          </Group>
          {!user.photoUrl && (
            <Text size="xs" c="dimmed">
              No photo: initials are shown instead.
            </Text>
          )}
        </Stack>
      </Group>
    </Input.Wrapper>
  );
}
