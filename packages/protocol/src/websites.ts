import { z } from 'zod';
import { HostName, Timestamp } from './common.js';

export const Website = z.object({ id: z.uuid(), host: z.string(), createdAt: Timestamp });
export type Website = z.infer<typeof Website>;

export const CreateWebsite = z.object({ host: HostName });
export type CreateWebsite = z.input<typeof CreateWebsite>;

export const WebsiteList = z.object({ items: z.array(Website) });
export type WebsiteList = z.infer<typeof WebsiteList>;

export const EmbedSnippet = z.object({ websiteId: z.uuid(), host: z.string(), snippet: z.string() });
export type EmbedSnippet = z.infer<typeof EmbedSnippet>;

export { WIDGET_GLOBAL } from './constants.js';
