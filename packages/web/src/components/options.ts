import { languageNames, type Language } from '@livechat/protocol';

/** Each language in its own name ("Nederlands"), as people look for their language. */
export const languageOptions = (Object.entries(languageNames) as [Language, string][]).map(
  ([value, label]) => ({
    value,
    label,
  }),
);
