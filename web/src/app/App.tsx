import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { RequireAuth } from '../features/auth/components/RequireAuth';
import { LoginPage } from '../features/auth/pages/LoginPage';
import { IncidentDetailPage } from '../features/incidents/pages/IncidentDetailPage';
import { IncidentsPage } from '../features/incidents/pages/IncidentsPage';
import { NotFoundPage } from './NotFoundPage';
import { Providers } from './providers';
import { RouteError } from './RouteError';
import { Shell } from './Shell';

/**
 * Pages other than the incident list and detail (what a spokesperson opens first) load on first visit, each its own
 * chunk, so the first paint does not wait for the admin screens and the report.
 */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return async () => ({ Component: (await load())[name] as ComponentType });
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    // Last resort for a failure in the Shell itself (no navigation then).
    errorElement: <RouteError />,
    children: [
      {
        element: <Shell />,
        children: [
          {
            // Pathless: a page that fails to load or render is replaced inside the Shell, which keeps the navigation.
            errorElement: <RouteError />,
            children: [
              { index: true, element: <Navigate to="/incidents" replace /> },
              { path: 'incidents', element: <IncidentsPage /> },
              { path: 'incidents/:id', element: <IncidentDetailPage /> },
              { path: 'inbox', lazy: page(() => import('../features/inbox/pages/InboxPage'), 'InboxPage') },
              { path: 'mentions', lazy: page(() => import('../features/mentions/pages/MentionsPage'), 'MentionsPage') },
              { path: 'stories/:id', lazy: page(() => import('../features/mentions/pages/StoryPage'), 'StoryPage') },
              {
                path: 'good-news',
                lazy: page(() => import('../features/goodnews/pages/GoodNewsPage'), 'GoodNewsPage'),
              },
              {
                path: 'reports/weekly',
                lazy: page(() => import('../features/reports/pages/WeeklyReportPage'), 'WeeklyReportPage'),
              },
              {
                path: 'reports/overview',
                lazy: page(() => import('../features/reports/pages/OverviewPage'), 'OverviewPage'),
              },
              { path: 'sources', lazy: page(() => import('../features/sources/pages/SourcesPage'), 'SourcesPage') },
              { path: 'units', lazy: page(() => import('../features/units/pages/UnitsPage'), 'UnitsPage') },
              { path: 'units/:code', lazy: page(() => import('../features/units/pages/UnitsPage'), 'UnitsPage') },
              { path: 'people', lazy: page(() => import('../features/people/pages/PeoplePage'), 'PeoplePage') },
              { path: 'people/:id', lazy: page(() => import('../features/people/pages/PeoplePage'), 'PeoplePage') },
              { path: 'audit', lazy: page(() => import('../features/audit/pages/AuditLogPage'), 'AuditLogPage') },
              {
                path: 'escalation',
                lazy: page(() => import('../features/escalation/pages/EscalationPage'), 'EscalationPage'),
              },
              { path: 'settings', lazy: page(() => import('../features/settings/pages/SettingsPage'), 'SettingsPage') },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);

export function App() {
  return (
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  );
}
