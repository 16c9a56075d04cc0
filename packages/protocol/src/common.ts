import { z } from 'zod';

export const Id = z.uuid({ message: 'Must be a valid id' });

/** `?limit=&cursor=` pagination shared by every list. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int() });

export const Timestamp = z.string().describe('ISO 8601 date-time');

export const Language = { en: 'en', nl: 'nl', de: 'de', fr: 'fr', es: 'es' } as const;
export type Language = (typeof Language)[keyof typeof Language];
export const LanguageSchema = z.enum(Language);
export const languageNames: Record<Language, string> = {
  en: 'English',
  nl: 'Nederlands',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
};

/** A host name as entered for a website: `www.example.com`, `localhost`, optionally with a port. */
export const HostName = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Enter a host name')
  .max(253, 'A host name has at most 253 characters')
  .regex(
    /^(localhost|(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}|\d{1,3}(\.\d{1,3}){3})(:\d{1,5})?$/,
    'Enter a host name like www.example.com, without http:// or a path',
  );

/** Public settings the login page needs before anyone is signed in. */
export const PublicConfig = z.object({ helpUrl: z.string(), productName: z.string() });
export type PublicConfig = z.infer<typeof PublicConfig>;
