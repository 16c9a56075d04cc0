import { useId, type CSSProperties } from 'react';
import { Stack, Text } from '@mantine/core';
import { HexColor, campaignDefaults, textColorOn, type WidgetTheme } from '@parley/protocol';
import { useT } from '../../i18n';
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

/** A small, live picture of the campaign's chat window: header, opening text and pre-chat information. */
export function ChatWindowPreview(p: Props) {
  const t = useT();
  const labelId = useId();
  // While the colour is being typed it is often incomplete; keep the last sensible look.
  const color = HexColor.safeParse(p.color).success ? p.color.trim() : campaignDefaults.windowColor;
  const style = { '--pv-accent': color, '--pv-on-accent': textColorOn(color) } as CSSProperties;
  const themeClass = p.theme === 'dark' ? classes.dark : p.theme === 'rounded' ? classes.rounded : '';

  return (
    <Stack gap={6} align="center">
      <Text size="sm" fw={500} c="dimmed" id={labelId}>
        {t('campaign.preview')}
      </Text>
      <div
        className={`${classes.preview} ${themeClass}`}
        style={style}
        role="group"
        aria-labelledby={labelId}
      >
        <div className={classes.header}>
          {p.logoUrl && <img className={classes.logo} src={p.logoUrl} alt={t('campaign.logo')} />}
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
              <div className={`${classes.bubble} ${classes.mine}`}>{t('campaign.previewQuestion')}</div>
              <div className={classes.prechat}>
                {p.prechatText.trim() && <p>{p.prechatText.trim()}</p>}
                <span className={classes.button}>{p.prechatButtonText.trim() || '\u00a0'}</span>
              </div>
            </>
          )}
        </div>
        <div className={classes.composer}>{t('campaign.previewComposer')}</div>
      </div>
      {p.ownCss && (
        <Text size="xs" c="dimmed" maw={300} ta="center">
          {t('campaign.previewOwnCss')}
        </Text>
      )}
    </Stack>
  );
}
