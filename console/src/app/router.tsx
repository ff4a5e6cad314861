import { Navigate, createBrowserRouter } from "react-router";
import { Layout } from "./Layout";

// Each feature is its own chunk: the inbox loads none of the campaign composer.
const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
});

export const router = createBrowserRouter(
  [
    {
      path: "/",
      element: <Layout />,
      HydrateFallback: () => null,
      children: [
        { index: true, element: <Navigate to="/inbox" replace /> },
        { path: "callback", element: <Navigate to="/inbox" replace /> },
        { path: "inbox", lazy: page(() => import("../features/inbox/InboxPage")) },
        { path: "friends", lazy: page(() => import("../features/friends/FriendsPage")) },
        { path: "friends/:provider/:user", lazy: page(() => import("../features/friends/FriendPage")) },
        { path: "campaigns", lazy: page(() => import("../features/campaigns/CampaignsPage")) },
        { path: "campaigns/new", lazy: page(() => import("../features/campaigns/ComposerPage")) },
        { path: "campaigns/:id", lazy: page(() => import("../features/campaigns/CampaignPage")) },
        { path: "campaigns/:id/edit", lazy: page(() => import("../features/campaigns/ComposerPage")) },
        { path: "richmenus", lazy: page(() => import("../features/richmenus/RichMenusPage")) },
        { path: "richmenus/:channel/:menu", lazy: page(() => import("../features/richmenus/MenuEditorPage")) },
        { path: "automations", lazy: page(() => import("../features/automations/AutomationsPage")) },
        { path: "automations/:id", lazy: page(() => import("../features/automations/AutomationPage")) },
        { path: "autoreply", lazy: page(() => import("../features/autoreply/AutoReplyPage")) },
        { path: "reports", lazy: page(() => import("../features/reports/ReportsPage")) },
        { path: "organization", lazy: page(() => import("../features/organization/OrganizationPage")) },
        { path: "*", element: <Navigate to="/inbox" replace /> },
      ],
    },
  ],
  { basename: import.meta.env.BASE_URL.replace(/\/$/, "") },
);
