import { Navigate, type RouteObject } from 'react-router';
import { ButtonEditor } from './buttons/ButtonEditor';
import { ButtonsTab } from './buttons/ButtonsTab';
import { FollowUpsTab } from './follow-ups/FollowUpsTab';
import { CampaignPage } from './CampaignPage';
import { CampaignsPage } from './CampaignsPage';
import { GeneralTab } from './GeneralTab';
import { GoalsTab } from './goals/GoalsTab';
import { InviteEditor } from './invites/InviteEditor';
import { InvitesTab } from './invites/InvitesTab';
import { NewCampaignPage } from './NewCampaignPage';
import { PlannedTab } from './PlannedTab';
import { RoutingTab } from './routing/RoutingTab';
import { campaignTabs } from './tabs';
import { CannedResponsesSettings } from './tools/CannedResponsesSettings';
import { ForumManagement } from './tools/canned/ForumManagement';
import { ForumPage } from './tools/canned/ForumPage';

/**
 * `/campaigns`, `/campaigns/new` and `/campaigns/:id/<tab>`. A tab's settings page replaces its PlannedTab here
 * when it is built.
 */
export const campaignRoutes: RouteObject[] = [
  { path: 'campaigns', element: <CampaignsPage /> },
  { path: 'campaigns/new', element: <NewCampaignPage /> },
  {
    path: 'campaigns/:id',
    element: <CampaignPage />,
    children: [
      { index: true, element: <Navigate to="general" replace /> },
      { path: 'general', element: <GeneralTab /> },
      { path: 'automatic-invites', element: <InvitesTab /> },
      { path: 'automatic-invites/new', element: <InviteEditor /> },
      { path: 'automatic-invites/:inviteId', element: <InviteEditor /> },
      { path: 'chat-buttons', element: <ButtonsTab /> },
      { path: 'chat-buttons/new', element: <ButtonEditor /> },
      { path: 'chat-buttons/:buttonId', element: <ButtonEditor /> },
      { path: 'routing', element: <RoutingTab /> },
      { path: 'goals', element: <GoalsTab /> },
      { path: 'follow-ups', element: <FollowUpsTab /> },
      // The Canned Responses tool's "More settings", its forum management and a forum (TLS-2…TLS-4).
      { path: 'tools/canned-responses', element: <CannedResponsesSettings /> },
      { path: 'tools/canned-responses/forums', element: <ForumManagement /> },
      { path: 'tools/canned-responses/forums/:forumId', element: <ForumPage /> },
      ...campaignTabs
        .filter(
          (tab) =>
            !['general', 'automatic-invites', 'chat-buttons', 'routing', 'goals', 'follow-ups'].includes(
              tab.path,
            ),
        )
        .map((tab) => ({ path: tab.path, element: <PlannedTab tab={tab} /> })),
    ],
  },
];
