import { useState, type ReactNode } from 'react';
import { Button, CopyButton, Group, PasswordInput } from '@mantine/core';
import { IconCheck, IconCopy, IconWand } from '@tabler/icons-react';
import { generatePassword } from '@parley/protocol';
import { useT } from '../i18n';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: ReactNode;
  description?: ReactNode;
}

/** A password input with "Generate" on its right (USR-2, USR-5); a generated password is shown and can be copied. */
export function PasswordField({ label, value, onChange, error, description }: Props) {
  const t = useT();
  const [visible, setVisible] = useState(false);
  return (
    <PasswordInput
      label={label}
      description={description}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      visible={visible}
      onVisibilityChange={setVisible}
      autoComplete="new-password"
      inputContainer={(input) => (
        <Group gap="xs" wrap="wrap" align="flex-start">
          <div style={{ flex: '1 1 200px' }}>{input}</div>
          <Button
            variant="default"
            leftSection={<IconWand size={16} aria-hidden />}
            onClick={() => {
              onChange(generatePassword());
              setVisible(true);
            }}
          >
            {t('password.generate')}
          </Button>
          {value && (
            <CopyButton value={value} timeout={1500}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? 'light' : 'default'}
                  color={copied ? 'teal' : undefined}
                  leftSection={
                    copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
                  }
                  onClick={copy}
                  miw={110}
                >
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          )}
        </Group>
      )}
    />
  );
}
