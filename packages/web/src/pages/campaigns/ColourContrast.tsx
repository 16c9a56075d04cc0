import { Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { contrastRatio, HexColor, TEXT_CONTRAST, textColorOn } from '@parley/protocol';
import { currentIntl, useT } from '../../i18n';

const ratio = (n: number) =>
  currentIntl().formatNumber(Math.floor(n * 10) / 10, { maximumFractionDigits: 1 });

/**
 * Under the colour picker: how readable text is on the chosen colour. The chat window picks white or black text by
 * itself; when white would be below 4.5:1 the manager is told that the window uses black text instead.
 */
export function ColourContrast({ colour }: { colour: string }) {
  const t = useT();
  if (!HexColor.safeParse(colour).success) return null;
  const hex = colour.trim();
  const white = contrastRatio(hex, '#ffffff');
  const text = textColorOn(hex);
  const chosen = contrastRatio(hex, text === '#fff' ? '#ffffff' : '#000000');
  const good = white >= TEXT_CONTRAST;
  return (
    <Text
      size="xs"
      mt={6}
      c={good ? 'dimmed' : 'orange.9'}
      role="status"
      style={{ display: 'flex', gap: 6, alignItems: 'flex-start' }}
    >
      {good ? (
        <IconCheck size={14} aria-hidden style={{ flex: 'none', marginTop: 2 }} />
      ) : (
        <IconAlertTriangle size={14} aria-hidden style={{ flex: 'none', marginTop: 2 }} />
      )}
      <span>
        {good
          ? t('campaign.contrastGood', { ratio: ratio(white) })
          : t('campaign.contrastLow', { white: ratio(white), black: ratio(chosen) })}
      </span>
    </Text>
  );
}
