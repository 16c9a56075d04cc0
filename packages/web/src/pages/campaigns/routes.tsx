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
import { RoutingTab } from './routing/RoutingTab';
import { CannedResponsesSettings } from './tools/CannedResponsesSettings';
import { ForumManagement } from './tools/canned/ForumManagement';
import { ForumPage } from './tools/canned/ForumPage';
import { CobrowseSettings } from './tools/CobrowseSettings';
import { ToolsTab } from './tools/ToolsTab';
import { WebTabsSettings } from './tools/WebTabsSettings';

/**
 * `/campaigns`, `/campaigns/new` and `/campaigns/:id/<tab>` with each tab's pages.
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
      { path: 'tools', element: <ToolsTab /> },
      { path: 'tools/web-tabs', element: <WebTabsSettings /> },
      // The Canned Responses tool's "More settings", its forum management and a forum (TLS-2…TLS-4).
      { path: 'tools/canned-responses', element: <CannedResponsesSettings /> },
      { path: 'tools/canned-responses/forums', element: <ForumManagement /> },
      { path: 'tools/canned-responses/forums/:forumId', element: <ForumPage /> },
      { path: 'tools/cobrowsing', element: <CobrowseSettings /> },
      { path: 'goals', element: <GoalsTab /> },
      { path: 'follow-ups', element: <FollowUpsTab /> },
    ],
  },
];
