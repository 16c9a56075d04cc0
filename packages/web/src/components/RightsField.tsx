import { Group, Radio } from '@mantine/core';
import type { UserRights } from '@livechat/protocol';
import type { ReactNode } from 'react';
import { rightsOptions } from './options';

const descriptions: Record<UserRights, string> = {
  manager: 'Can use the management interface and change settings, and answer chats',
  agent: 'Can only sign in to the agent console and answer incoming chats',
};

interface Props {
  value: UserRights;
  onChange: (value: UserRights) => void;
  error?: ReactNode;
}

export function RightsField({ value, onChange, error }: Props) {
  return (
    <Radio.Group
      label="What can this user do?"
      value={value}
      onChange={(v) => onChange(v as UserRights)}
      error={error}
    >
      <Group mt="xs" gap="xl" align="flex-start">
        {rightsOptions.map((o) => (
          <Radio
            key={o.value}
            value={o.value}
            label={o.label}
            description={descriptions[o.value]}
            maw={300}
          />
        ))}
      </Group>
    </Radio.Group>
  );
}
