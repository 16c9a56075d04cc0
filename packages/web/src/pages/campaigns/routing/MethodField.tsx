import type { ReactNode } from 'react';
import { Select } from '@mantine/core';
import { routingMethodLabels, type RoutingMethod } from '@livechat/protocol';
import { routingMethodDescriptions } from './routingForm';

const methodOptions = (Object.entries(routingMethodLabels) as [RoutingMethod, string][]).map(
  ([value, label]) => ({ value, label }),
);

interface Props {
  /** The accessible name, e.g. "Level 1 routing method"; the visible label is "Routing method". */
  name: string;
  value: RoutingMethod;
  onChange: (value: RoutingMethod) => void;
  error?: ReactNode;
}

/** RTE-2: the routing method, with what the chosen one does written under it. */
export function MethodField({ name, value, onChange, error }: Props) {
  return (
    <Select
      label="Routing method"
      aria-label={name}
      data={methodOptions}
      value={value}
      onChange={(v) => v && onChange(v as RoutingMethod)}
      allowDeselect={false}
      description={routingMethodDescriptions[value]}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      error={error}
    />
  );
}
