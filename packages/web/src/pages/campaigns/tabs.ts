import {
  IconClick,
  IconMailForward,
  IconMessageCircleBolt,
  IconRoute,
  IconSettings,
  IconTargetArrow,
  IconTools,
  type Icon,
} from '@tabler/icons-react';
import type { MessageKey } from '../../i18n';

export interface CampaignTab {
  /** The last part of the address: `/campaigns/:id/<path>`. */
  path: string;
  label: MessageKey;
  icon: Icon;
}

/** The campaign's tabs, in the handbook's order. */
export const campaignTabs: CampaignTab[] = [
  {
    path: 'general',
    label: 'campaignTabs.general',
    icon: IconSettings,
  },
  {
    path: 'automatic-invites',
    label: 'campaignTabs.automaticInvites',
    icon: IconMessageCircleBolt,
  },
  {
    path: 'chat-buttons',
    label: 'campaignTabs.chatButtons',
    icon: IconClick,
  },
  {
    path: 'routing',
    label: 'campaignTabs.routing',
    icon: IconRoute,
  },
  {
    path: 'tools',
    label: 'campaignTabs.tools',
    icon: IconTools,
  },
  {
    path: 'goals',
    label: 'campaignTabs.goals',
    icon: IconTargetArrow,
  },
  {
    path: 'follow-ups',
    label: 'campaignTabs.followUps',
    icon: IconMailForward,
  },
];
