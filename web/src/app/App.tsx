import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { AuditLogPage } from '../features/audit/pages/AuditLogPage';
import { RequireAuth } from '../features/auth/components/RequireAuth';
import { LoginPage } from '../features/auth/pages/LoginPage';
import { EscalationPage } from '../features/escalation/pages/EscalationPage';
import { GoodNewsPage } from '../features/goodnews/pages/GoodNewsPage';
import { IncidentDetailPage } from '../features/incidents/pages/IncidentDetailPage';
import { IncidentsPage } from '../features/incidents/pages/IncidentsPage';
import { MentionsPage } from '../features/mentions/pages/MentionsPage';
import { StoryPage } from '../features/mentions/pages/StoryPage';
import { PeoplePage } from '../features/people/pages/PeoplePage';
import { WeeklyReportPage } from '../features/reports/pages/WeeklyReportPage';
import { SettingsPage } from '../features/settings/pages/SettingsPage';
import { SourcesPage } from '../features/sources/pages/SourcesPage';
import { UnitsPage } from '../features/units/pages/UnitsPage';
import { NotFoundPage } from './NotFoundPage';
import { Providers } from './providers';
import { Shell } from './Shell';

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <Shell />,
        children: [
          { index: true, element: <Navigate to="/incidents" replace /> },
          { path: 'incidents', element: <IncidentsPage /> },
          { path: 'incidents/:id', element: <IncidentDetailPage /> },
          { path: 'mentions', element: <MentionsPage /> },
          { path: 'stories/:id', element: <StoryPage /> },
          { path: 'good-news', element: <GoodNewsPage /> },
          { path: 'reports/weekly', element: <WeeklyReportPage /> },
          { path: 'sources', element: <SourcesPage /> },
          { path: 'units', element: <UnitsPage /> },
          { path: 'units/:code', element: <UnitsPage /> },
          { path: 'people', element: <PeoplePage /> },
          { path: 'people/:id', element: <PeoplePage /> },
          { path: 'audit', element: <AuditLogPage /> },
          { path: 'escalation', element: <EscalationPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: '*', element: <NotFoundPage /> },
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
