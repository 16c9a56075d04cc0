import { Anchor, Text } from '@mantine/core';
import { IconFileDownload } from '@tabler/icons-react';
import type { ChatEvent } from '@parley/protocol';
import { useT } from '../../i18n';
import { formatBytes, safeFileUrl, safeHttpUrl } from './format';
import classes from './Console.module.css';

/** A file of a chat as a download link with its name and size (console and Chats section); text when unsafe. */
export function FileLink({ file }: { file: NonNullable<ChatEvent['file']> }) {
  const t = useT();
  const url = safeFileUrl(file.url);
  if (!url) return <Text size="sm">{`${file.name} (${formatBytes(file.size)})`}</Text>;
  return (
    <Anchor
      href={url}
      download={file.name}
      size="sm"
      style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}
    >
      <IconFileDownload size={18} aria-hidden />
      <span>{t('console.download', { name: file.name, size: formatBytes(file.size) })}</span>
    </Anchor>
  );
}

/** A URL a visitor's browser reported, as a link in a new tab when it is http(s), else as plain text. */
export function ExternalLink({ url, size }: { url: string; size: 'xs' | 'sm' }) {
  const href = safeHttpUrl(url);
  if (!href) return <>{url}</>;
  return (
    <Anchor
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      size={size}
      underline="always"
      className={classes.link}
    >
      {url}
    </Anchor>
  );
}
