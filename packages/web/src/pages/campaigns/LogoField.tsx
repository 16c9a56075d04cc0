import { Button, FileButton, Group, Input, Stack, Text } from '@mantine/core';
import { IconPhoto, IconTrash, IconUpload } from '@tabler/icons-react';
import { LOGO_MAX_BYTES, PHOTO_TYPES } from '@livechat/protocol';
import classes from './Campaigns.module.css';

// The server accepts the same image kinds for logos as for photos (it sniffs the bytes).
const LOGO_ACCEPT = PHOTO_TYPES.join(',');
export const LOGO_HINT = `PNG, JPEG, GIF or WebP, at most ${LOGO_MAX_BYTES / 1024 / 1024} MB`;

/** The same checks the server makes, so a wrong file is refused before it is sent. */
export function logoProblem(file: File): string | null {
  if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) {
    return `“${file.name}” is not a supported image. Use ${LOGO_HINT}.`;
  }
  if (file.size > LOGO_MAX_BYTES) {
    const mb = (file.size / 1024 / 1024).toFixed(1);
    return `“${file.name}” is ${mb} MB; a logo can be at most ${LOGO_MAX_BYTES / 1024 / 1024} MB.`;
  }
  return null;
}

interface Props {
  logoUrl: string | null;
  onPick: (file: File) => void;
  onRemove: () => void;
  busy?: boolean;
  error?: string | null;
  /** Under the buttons, e.g. that the logo is uploaded when the campaign is saved. */
  note?: string;
}

/** Campaign logo (CMP-2), shown in the chat window's header. The hidden file input is labelled "Logo". */
export function LogoField({ logoUrl, onPick, onRemove, busy, error, note }: Props) {
  return (
    <Input.Wrapper label="Logo" description={LOGO_HINT} error={error} labelElement="div">
      <Group gap="md" mt={6} wrap="nowrap">
        <div className={classes.logoBox}>
          {logoUrl ? (
            <img src={logoUrl} alt="Current logo" />
          ) : (
            <IconPhoto size={24} aria-hidden color="var(--mantine-color-dimmed)" />
          )}
        </div>
        <Stack gap={6}>
          <Group gap="xs">
            <FileButton
              onChange={(file) => file && onPick(file)}
              accept={LOGO_ACCEPT}
              disabled={busy}
              inputProps={{ 'aria-label': 'Logo' }}
            >
              {(props) => (
                <Button
                  {...props}
                  variant="default"
                  size="xs"
                  loading={busy}
                  leftSection={<IconUpload size={14} aria-hidden />}
                >
                  {logoUrl ? 'Change logo' : 'Upload logo'}
                </Button>
              )}
            </FileButton>
            {logoUrl && (
              <Button
                variant="subtle"
                color="red"
                size="xs"
                disabled={busy}
                leftSection={<IconTrash size={14} aria-hidden />}
                onClick={onRemove}
              >
                Remove logo
              </Button>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {note ??
              (logoUrl
                ? 'Shown in the header of the chat window.'
                : 'No logo: the header shows the title only.')}
          </Text>
        </Stack>
      </Group>
    </Input.Wrapper>
  );
}
