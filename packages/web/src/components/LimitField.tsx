import { Checkbox, Group, NumberInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n';

interface Props {
  checkboxLabel: string;
  inputLabel: string;
  enabled: boolean;
  onEnabledChange: (enabled: boolean) => void;
  value: number | string;
  onValueChange: (value: number | string) => void;
  error?: ReactNode;
}

/** "Simultaneous … limit": unticked means unlimited (null), ticked asks for a number (USR-3). */
export function LimitField({
  checkboxLabel,
  inputLabel,
  enabled,
  onEnabledChange,
  value,
  onValueChange,
  error,
}: Props) {
  const t = useT();
  return (
    <Group align="flex-start" gap="lg" wrap="wrap">
      <Checkbox
        label={checkboxLabel}
        checked={enabled}
        onChange={(e) => onEnabledChange(e.currentTarget.checked)}
        mt={30}
        w={260}
      />
      <NumberInput
        label={inputLabel}
        value={enabled ? value : ''}
        onChange={onValueChange}
        placeholder={enabled ? undefined : t('users.unlimited')}
        disabled={!enabled}
        min={1}
        max={999}
        allowDecimal={false}
        allowNegative={false}
        error={enabled ? error : undefined}
        w={180}
      />
    </Group>
  );
}
