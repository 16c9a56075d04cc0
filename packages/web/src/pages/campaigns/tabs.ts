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

export interface CampaignTab {
  /** The last part of the address: `/campaigns/:id/<path>`. */
  path: string;
  label: string;
  icon: Icon;
  /** What the tab holds (shown on the tab until its settings are built). */
  description: string;
}

/** The campaign's tabs, in the handbook's order. */
export const campaignTabs: CampaignTab[] = [
  {
    path: 'general',
    label: 'General',
    icon: IconSettings,
    description: 'Name, language and theme, websites, chat window and interaction settings.',
  },
  {
    path: 'automatic-invites',
    label: 'Automatic Invites',
    icon: IconMessageCircleBolt,
    description:
      'Greetings that invite visitors to chat by themselves when a moment matches (Yes/No and chat window greetings), ' +
      'the offline message, and when the chat button and the greetings are available.',
  },
  {
    path: 'chat-buttons',
    label: 'Chat buttons',
    icon: IconClick,
    description:
      'The buttons that open the chat on your website: footer buttons at the bottom right or left, on all pages or ' +
      'on certain pages, and your own buttons in HTML and CSS.',
  },
  {
    path: 'routing',
    label: 'Routing',
    icon: IconRoute,
    description:
      'Which users and groups receive the chats of this campaign: routing levels in order, each with its routing ' +
      'method, and a forwarding level for transferred chats.',
  },
  {
    path: 'tools',
    label: 'Tools',
    icon: IconTools,
    description:
      'What agents can use during a chat: WebTabs, canned responses, cobrowsing, visitor info and chat sneak ' +
      'preview, each turned on or off here.',
  },
  {
    path: 'goals',
    label: 'Goals',
    icon: IconTargetArrow,
    description:
      'Success codes, the customer survey, goals and sales reached by visitors, and the analytics events the ' +
      'chat sends.',
  },
  {
    path: 'follow-ups',
    label: 'Follow-ups',
    icon: IconMailForward,
    description: 'The email (SMTP) settings for following up on chats by email, with a switch to turn it on.',
  },
];
