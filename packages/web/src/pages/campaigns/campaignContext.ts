import { useOutletContext } from 'react-router';
import type { Campaign } from '@parley/protocol';

/** The campaign whose page a tab is shown on (CampaignPage passes it to its tab routes). */
export function useCampaignOfPage(): Campaign {
  return useOutletContext<Campaign>();
}
