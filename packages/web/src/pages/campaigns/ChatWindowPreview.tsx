import { useId, type CSSProperties } from 'react';
import { Stack, Text } from '@mantine/core';
import { HexColor, campaignDefaults, type WidgetTheme } from '@livechat/protocol';
import classes from './Campaigns.module.css';

interface Props {
  theme: WidgetTheme;
  color: string;
  title: string;
  logoUrl: string | null;
  openingText: string;
  openingReminder: boolean;
  prechatEnabled: boolean;
  prechatText: string;
  prechatButtonText: string;
  ownCss: boolean;
}

/**
 * Text colour on a `#rrggbb` background, by the widget's rule (packages/widget/src/shared/color.ts): white while
 * it keeps a contrast of at least 3:1, otherwise black.
 */
function textColorOn(hex: string): '#000' | '#fff' {
  const n = parseInt(hex.slice(1), 16);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
  return 1.05 / (l + 0.05) >= 3 ? '#fff' : '#000';
}

/** A small, live picture of the campaign's chat window: header, opening text and pre-chat information. */
export function ChatWindowPreview(p: Props) {
  const labelId = useId();
  // While the colour is being typed it is often incomplete; keep the last sensible look.
  const color = HexColor.safeParse(p.color).success ? p.color.trim() : campaignDefaults.windowColor;
  const style = { '--pv-accent': color, '--pv-on-accent': textColorOn(color) } as CSSProperties;
  const themeClass = p.theme === 'dark' ? classes.dark : p.theme === 'rounded' ? classes.rounded : '';

  return (
    <Stack gap={6} align="center">
      <Text size="sm" fw={500} c="dimmed" id={labelId}>
        Preview
      </Text>
      <div
        className={`${classes.preview} ${themeClass}`}
        style={style}
        role="group"
        aria-labelledby={labelId}
      >
        <div className={classes.header}>
          {p.logoUrl && <img className={classes.logo} src={p.logoUrl} alt="Logo" />}
          <span className={classes.title}>{p.title.trim() || '\u00a0'}</span>
        </div>
        <div className={classes.log}>
          {p.openingText.trim() && (
            <div
              // Remounted when the reminder is turned on, so the manager sees the movement once.
              key={String(p.openingReminder)}
              className={`${classes.bubble} ${classes.company} ${p.openingReminder ? classes.wiggle : ''}`}
            >
              {p.openingText.trim()}
            </div>
          )}
          {p.prechatEnabled && (
            <>
              <div className={`${classes.bubble} ${classes.mine}`}>Hi, I have a question.</div>
              <div className={classes.prechat}>
                {p.prechatText.trim() && <p>{p.prechatText.trim()}</p>}
                <span className={classes.button}>{p.prechatButtonText.trim() || '\u00a0'}</span>
              </div>
            </>
          )}
        </div>
        <div className={classes.composer}>Type your message…</div>
      </div>
      {p.ownCss && (
        <Text size="xs" c="dimmed" maw={300} ta="center">
          Your own CSS is applied in the chat window on your website; this preview shows the colour and title
          only.
        </Text>
      )}
    </Stack>
  );
}
