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
  /** What the tab holds (shown on the tab until its settings are built). */
  description: MessageKey;
}

/** The campaign's tabs, in the handbook's order. */
export const campaignTabs: CampaignTab[] = [
  {
    path: 'general',
    label: 'campaignTabs.general',
    icon: IconSettings,
    description: 'campaignTabs.generalText',
  },
  {
    path: 'automatic-invites',
    label: 'campaignTabs.automaticInvites',
    icon: IconMessageCircleBolt,
    description: 'campaignTabs.automaticInvitesText',
  },
  {
    path: 'chat-buttons',
    label: 'campaignTabs.chatButtons',
    icon: IconClick,
    description: 'campaignTabs.chatButtonsText',
  },
  {
    path: 'routing',
    label: 'campaignTabs.routing',
    icon: IconRoute,
    description: 'campaignTabs.routingText',
  },
  {
    path: 'tools',
    label: 'campaignTabs.tools',
    icon: IconTools,
    description: 'campaignTabs.toolsText',
  },
  {
    path: 'goals',
    label: 'campaignTabs.goals',
    icon: IconTargetArrow,
    description: 'campaignTabs.goalsText',
  },
  {
    path: 'follow-ups',
    label: 'campaignTabs.followUps',
    icon: IconMailForward,
    description: 'campaignTabs.followUpsText',
  },
];
