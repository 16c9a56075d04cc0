import { Group, Loader, Text, VisuallyHidden, type LoaderProps } from '@mantine/core';
import { useNetwork } from '@mantine/hooks';
import { IconWifiOff } from '@tabler/icons-react';
import { useT } from '../i18n';

/**
 * A loading indicator that screen readers read: a status with its label as text (an `aria-label` on Mantine's
 * Loader, a plain span, was never read). While the browser is offline it says so instead of spinning on.
 */
export function Spinner({ label, size = 'sm' }: { label?: string; size?: LoaderProps['size'] }) {
  const t = useT();
  const { online } = useNetwork();
  if (!online) {
    return (
      <Group gap="xs" role="status" justify="center">
        <IconWifiOff size={18} aria-hidden />
        <Text size="sm">{t('common.offlineWaiting')}</Text>
      </Group>
    );
  }
  return (
    <div role="status">
      <Loader size={size} aria-hidden />
      <VisuallyHidden>{label ?? t('common.loading')}</VisuallyHidden>
    </div>
  );
}
