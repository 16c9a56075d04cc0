import { useEffect, useMemo, type ReactNode } from 'react';
import { createIntl, createIntlCache, RawIntlProvider, useIntl, type IntlShape } from 'react-intl';
import { Language, type Me } from '@parley/protocol';
import { de } from './messages/de';
import { en, type MessageKey, type Messages } from './messages/en';
import { es } from './messages/es';
import { fr } from './messages/fr';
import { nl } from './messages/nl';

/**
 * The manager UI and the console in the user's language (their Language setting; before sign-in the browser's),
 * through FormatJS (react-intl): ICU messages with plurals, dates in the account's time zone. Every language has
 * every key (`messages.test.ts`); English is the fallback and the default.
 */
export type { MessageKey };
export type Values = Record<string, string | number | Date | null | undefined>;

export const catalogs: Record<Language, Messages> = { en, nl, de, fr, es };

const cache = createIntlCache();

export function intlFor(language: Language, timeZone?: string): IntlShape {
  return createIntl(
    {
      locale: language,
      defaultLocale: 'en',
      messages: catalogs[language],
      timeZone,
      // A missing translation falls back to English; the key test keeps that from happening.
      onError: (err) => {
        if (import.meta.env?.DEV) console.warn(err);
      },
    },
    cache,
  );
}

/** The first of the browser's languages we have, else English. */
export function browserLanguage(languages: readonly string[] = navigator.languages ?? []): Language {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0] as Language;
    if (base in catalogs) return base;
  }
  return Language.en;
}

let current: IntlShape = intlFor(Language.en);

/** The current language's text for non-React code (notifications, error messages, formatting). */
export function t(key: MessageKey, values?: Values): string {
  return current.formatMessage({ id: key }, values);
}

/** The intl object of the current language and time zone (dates, numbers). */
export function currentIntl(): IntlShape {
  return current;
}

/** Sets the language outside React (tests). */
export function setCurrentIntl(intl: IntlShape): void {
  current = intl;
}

export function I18nProvider({ me, children }: { me: Me | null | undefined; children: ReactNode }) {
  const language = me?.user.language ?? browserLanguage();
  const timeZone = me?.account.timeZone;
  const intl = useMemo(() => intlFor(language, timeZone), [language, timeZone]);
  // Set while rendering, so that everything below renders in this language already.
  current = intl;
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return <RawIntlProvider value={intl}>{children}</RawIntlProvider>;
}

/** `t` bound to the language of the surrounding provider (re-renders when it changes). */
export function useT(): (key: MessageKey, values?: Values) => string {
  const intl = useIntl();
  return useMemo(() => (key: MessageKey, values?: Values) => intl.formatMessage({ id: key }, values), [intl]);
}

/** Like `useT`, for messages with tags: `<b>…</b>` in a message becomes what `values.b` makes of its text. */
export function useRichT(): (
  key: MessageKey,
  values: Record<string, ReactNode | ((chunks: ReactNode[]) => ReactNode)>,
) => ReactNode {
  const intl = useIntl();
  return useMemo(
    () => (key, values) =>
      intl.formatMessage({ id: key }, values as Parameters<IntlShape['formatMessage']>[1]) as ReactNode,
    [intl],
  );
}
