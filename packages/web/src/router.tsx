import { createBrowserRouter, Navigate } from 'react-router';
import { homePath, useAuth } from './auth/AuthContext';
import { RequireAuth } from './auth/RequireAuth';
import { RequireManager } from './auth/RequireManager';
import { AppLayout } from './shell/AppLayout';
import { NotFoundPage } from './pages/NotFoundPage';
import { LoginPage } from './pages/login/LoginPage';
import { ConsolePage } from './pages/console/ConsolePage';
import { ChatsLayout } from './pages/chats/ChatsLayout';
import { ExportsPage } from './pages/chats/ExportsPage';
import { ChatListPage } from './pages/chats/ChatListPage';
import { ChatPage } from './pages/chats/ChatPage';
import { AccountPage } from './pages/account/AccountPage';
import { StatisticsPage } from './pages/chats/statistics/StatisticsPage';
import { campaignRoutes } from './pages/campaigns/routes';
import { UsersLayout } from './pages/users/UsersLayout';
import { UserListPage } from './pages/users/UserListPage';
import { NewUserPage } from './pages/users/NewUserPage';
import { EditUserPage } from './pages/users/EditUserPage';
import { GroupListPage } from './pages/groups/GroupListPage';
import { NewGroupPage, EditGroupPage } from './pages/groups/GroupPages';
import { YourWebsitePage } from './pages/website/YourWebsitePage';

function Home() {
  return <Navigate to={homePath(useAuth())} replace />;
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <Home /> },
          { path: 'console', element: <ConsolePage /> },
          {
            element: <RequireManager />,
            children: [
              {
                path: 'chats',
                element: <ChatsLayout />,
                children: [
                  { index: true, element: <ChatListPage /> },
                  { path: 'statistics', element: <StatisticsPage /> },
                  { path: 'exports', element: <ExportsPage /> },
                  { path: ':id', element: <ChatPage /> },
                ],
              },
              ...campaignRoutes,
              {
                path: 'users',
                element: <UsersLayout />,
                children: [
                  { index: true, element: <UserListPage /> },
                  { path: 'groups', element: <GroupListPage /> },
                ],
              },
              { path: 'users/new', element: <NewUserPage /> },
              { path: 'users/groups/new', element: <NewGroupPage /> },
              { path: 'users/groups/:id', element: <EditGroupPage /> },
              { path: 'users/:id', element: <EditUserPage /> },
              { path: 'your-website', element: <YourWebsitePage /> },
              { path: 'account', element: <AccountPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
