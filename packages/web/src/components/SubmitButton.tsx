import { Button, Loader, type ButtonProps } from '@mantine/core';
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
