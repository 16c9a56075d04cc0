import type { ReactNode } from 'react';
import { Select } from '@mantine/core';
import { RoutingMethod } from '@parley/protocol';
import { useT } from '../../../i18n';
import { routingMethodDescription, routingMethodName } from './routingForm';

interface Props {
  /** The accessible name, e.g. "Level 1 routing method"; the visible label is "Routing method". */
  name: string;
  value: RoutingMethod;
  onChange: (value: RoutingMethod) => void;
  error?: ReactNode;
}

/** RTE-2: the routing method, with what the chosen one does written under it. */
export function MethodField({ name, value, onChange, error }: Props) {
  const t = useT();
  const methodOptions = Object.values(RoutingMethod).map((m) => ({ value: m, label: routingMethodName(m) }));
  return (
    <Select
      label={t('routing.methodLabel')}
      aria-label={name}
      data={methodOptions}
      value={value}
      onChange={(v) => v && onChange(v as RoutingMethod)}
      allowDeselect={false}
      description={routingMethodDescription(value)}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      error={error}
    />
  );
}
