import { languageNames, type Language } from '@parley/protocol';

/** Each language in its own name ("Nederlands"), as people look for their language. */
export const languageOptions = (Object.entries(languageNames) as [Language, string][]).map(
  ([value, label]) => ({
    value,
    label,
  }),
);
