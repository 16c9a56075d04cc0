import { useEffect, useState } from 'react';
import type { VisitSource } from '@parley/protocol';
import type { MessageKey, useT } from '../../i18n';

/** Re-renders every `ms` (times on site tick; visitors who stopped sending heartbeats drop out); 0: never. */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ms) return;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

const sourceKey: Record<VisitSource['kind'], MessageKey> = {
  direct: 'visitors.source.direct',
  search: 'visitors.source.search',
  social: 'visitors.source.social',
  referral: 'visitors.source.referral',
  campaign: 'visitors.source.campaign',
};

export function sourceText(t: ReturnType<typeof useT>, source: VisitSource): string {
  return t(sourceKey[source.kind], { name: source.name });
}

export function deviceText(t: ReturnType<typeof useT>, device: string): string {
  if (!device) return '';
  return device === 'desktop' || device === 'mobile' || device === 'tablet'
    ? t(`visitors.device.${device}`)
    : t('visitors.device.other');
}
