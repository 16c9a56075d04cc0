import { useMemo, type ReactNode } from 'react';
import {
  Group,
  MultiSelect,
  Text,
  type ComboboxItem,
  type ComboboxParsedItem,
  type OptionsFilter,
} from '@mantine/core';
import { IconUser, IconUsersGroup } from '@tabler/icons-react';
import { useT } from '../../../i18n';
import type { MemberOption } from './routingForm';

interface Props {
  /** The accessible name, e.g. "Level 1 users and groups"; the visible label is "Users and groups". */
  name: string;
  options: MemberOption[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: ReactNode;
  description?: ReactNode;
}

const matches = (text: string | undefined, search: string) => !!text && text.toLowerCase().includes(search);

/** One picker for users and groups, grouped into Users / Groups, searchable by name (and a user's email). */
export function MembersField({ name, options, value, onChange, error, description }: Props) {
  const t = useT();
  const byValue = useMemo(() => new Map(options.map((o) => [o.value, o])), [options]);
  const data = useMemo(() => {
    const item = (o: MemberOption) => ({ value: o.value, label: o.label });
    const users = options.filter((o) => o.kind === 'user').map(item);
    const groups = options.filter((o) => o.kind === 'group').map(item);
    return [
      ...(users.length ? [{ group: t('routing.users'), items: users }] : []),
      ...(groups.length ? [{ group: t('routing.groups'), items: groups }] : []),
    ];
  }, [options, t]);

  const filter: OptionsFilter = ({ options: parsed, search }) => {
    const q = search.trim().toLowerCase();
    if (!q) return parsed;
    const hit = (o: ComboboxItem) => matches(o.label, q) || matches(byValue.get(o.value)?.detail, q);
    return parsed.flatMap((entry): ComboboxParsedItem[] => {
      if ('group' in entry) {
        const items = entry.items.filter(hit);
        return items.length ? [{ ...entry, items }] : [];
      }
      return hit(entry) ? [entry] : [];
    });
  };

  return (
    <MultiSelect
      label={t('routing.usersAndGroups')}
      aria-label={name}
      description={description}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      placeholder={value.length ? undefined : t('routing.pickMembers')}
      data={data}
      value={value}
      onChange={onChange}
      error={error}
      searchable
      // Focus alone (also after a refused save) does not cover the field's message with the list.
      openOnFocus={false}
      hidePickedOptions
      clearable
      filter={filter}
      nothingFoundMessage={t('routing.noMatch')}
      maxDropdownHeight={300}
      renderOption={({ option }) => {
        const o = byValue.get(option.value);
        const Icon = o?.kind === 'group' ? IconUsersGroup : IconUser;
        return (
          <Group gap="xs" wrap="nowrap">
            <Icon size={16} aria-hidden style={{ flex: 'none' }} />
            <div>
              <Text size="sm">{option.label}</Text>
              {o?.detail && !option.label.includes(o.detail) && (
                <Text size="xs" c="dimmed">
                  {o.detail}
                </Text>
              )}
            </div>
          </Group>
        );
      }}
    />
  );
}
