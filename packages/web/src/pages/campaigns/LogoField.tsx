import { Button, FileButton, Group, Input, Stack, Text } from '@mantine/core';
import { IconPhoto, IconTrash, IconUpload } from '@tabler/icons-react';
import { LOGO_MAX_BYTES, PHOTO_TYPES } from '@parley/protocol';
import { t, useT } from '../../i18n';
import classes from './Campaigns.module.css';

// The server accepts the same image kinds for logos as for photos (it sniffs the bytes).
const LOGO_ACCEPT = PHOTO_TYPES.join(',');
const logoHint = () => t('photo.hint', { mb: LOGO_MAX_BYTES / 1024 / 1024 });

/** The same checks the server makes, so a wrong file is refused before it is sent. */
export function logoProblem(file: File): string | null {
  if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) {
    return t('photo.notImage', { name: file.name, hint: logoHint() });
  }
  if (file.size > LOGO_MAX_BYTES) {
    return t('logo.tooLarge', {
      name: file.name,
      size: file.size / 1024 / 1024,
      max: LOGO_MAX_BYTES / 1024 / 1024,
    });
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
  const t = useT();
  return (
    <Input.Wrapper label={t('campaign.logo')} description={logoHint()} error={error} labelElement="div">
      <Group gap="md" mt={6} wrap="nowrap">
        <div className={classes.logoBox}>
          {logoUrl ? (
            <img src={logoUrl} alt={t('logo.current')} />
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
              inputProps={{ 'aria-label': t('campaign.logo') }}
            >
              {(props) => (
                <Button
                  {...props}
                  variant="default"
                  size="xs"
                  loading={busy}
                  leftSection={<IconUpload size={14} aria-hidden />}
                >
                  {logoUrl ? t('logo.change') : t('logo.upload')}
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
                {t('logo.remove')}
              </Button>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {note ?? (logoUrl ? t('logo.shown') : t('logo.none'))}
          </Text>
        </Stack>
      </Group>
    </Input.Wrapper>
  );
}
