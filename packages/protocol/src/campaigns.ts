import { z } from 'zod';

/** The short form of a campaign used by filters and pickers; the full campaign comes with the Campaigns issue. */
export const CampaignSummary = z.object({ id: z.uuid(), title: z.string(), enabled: z.boolean() });
export type CampaignSummary = z.infer<typeof CampaignSummary>;
export const CampaignSummaryList = z.object({ items: z.array(CampaignSummary) });
export type CampaignSummaryList = z.infer<typeof CampaignSummaryList>;
