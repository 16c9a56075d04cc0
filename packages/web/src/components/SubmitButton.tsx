import { Button, Group, Loader, type ButtonProps, type MantineSpacing } from '@mantine/core';
import { useT } from '../i18n';
import type { ReactNode } from 'react';

/**
 * A form's submit button that keeps the focus while saving: Mantine's `loading` disables the button, and a
 * disabled button drops the focus to the page's body. This one only refuses a second press meanwhile.
 */
export function SubmitButton({
  busy,
  children,
  leftSection,
  ...props
}: ButtonProps & { busy: boolean; children: ReactNode }) {
  return (
    <Button
      {...props}
      type="submit"
      aria-disabled={busy || undefined}
      onClick={(e) => {
        if (busy) e.preventDefault();
      }}
      leftSection={busy ? <Loader size={14} color="currentColor" aria-hidden /> : leftSection}
    >
      {children}
    </Button>
  );
}

/**
 * A settings form's footer: Discard (back to what is saved; only while something changed) and Save. The words
 * are the forms' own, so every settings page reads the same.
 */
export function FormActions({
  changed,
  busy,
  onDiscard,
  mt,
}: {
  changed: boolean;
  busy: boolean;
  onDiscard: () => void;
  mt?: MantineSpacing;
}) {
  const t = useT();
  return (
    <Group justify="flex-end" mt={mt}>
      <Button variant="default" onClick={onDiscard} disabled={!changed || busy}>
        {t('forms.discard')}
      </Button>
      <SubmitButton busy={busy}>{t('forms.save')}</SubmitButton>
    </Group>
  );
}
