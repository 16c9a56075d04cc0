import { Group, Radio } from '@mantine/core';
import { UserRights } from '@parley/protocol';
import type { ReactNode } from 'react';
import { useT } from '../i18n';

interface Props {
  value: UserRights;
  onChange: (value: UserRights) => void;
  error?: ReactNode;
}

export function RightsField({ value, onChange, error }: Props) {
  const t = useT();
  return (
    <Radio.Group
      label={t('rights.question')}
      value={value}
      onChange={(v) => onChange(v as UserRights)}
      error={error}
    >
      <Group mt="xs" gap="xl" align="flex-start">
        <Radio
          value={UserRights.manager}
          label={t('rights.manager')}
          description={t('rights.managerHint')}
          maw={300}
        />
        <Radio
          value={UserRights.agent}
          label={t('rights.agent')}
          description={t('rights.agentHint')}
          maw={300}
        />
      </Group>
    </Radio.Group>
  );
}
