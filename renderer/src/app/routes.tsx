// Pages and their addresses. A hash router: the Electron window loads the renderer from a
// file:// URL and browser mode serves it with relative asset paths, and in both a pasted
// address (#/devices/<id>) opens the same page.
import { createHashRouter, Navigate } from 'react-router';
import { DevicesPage } from '../pages/DevicesPage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { RouteError } from '../pages/RouteError.tsx';
import { Layout } from './Layout.tsx';

// The device list is the first page and ships in the main bundle; the others (the charts
// library among them) load when first visited, so the list paints sooner.

export function createAppRouter(): ReturnType<typeof createHashRouter> {
  return createHashRouter([
    {
      path: '/',
      element: <Layout />,
      errorElement: <RouteError />,
      children: [
        {
          // A page that throws shows its error inside the frame; the rail and search still work.
          errorElement: <RouteError />,
          children: [
            { index: true, element: <Navigate to="/devices" replace /> },
            { path: 'overview', lazy: async () => ({ Component: (await import('../pages/OverviewPage.tsx')).OverviewPage }) },
            { path: 'devices', element: <DevicesPage /> },
            { path: 'devices/:id', lazy: async () => ({ Component: (await import('../pages/DevicePage.tsx')).DevicePage }) },
            { path: 'tasks', lazy: async () => ({ Component: (await import('../pages/TasksPage.tsx')).TasksPage }) },
            { path: 'files', lazy: async () => ({ Component: (await import('../pages/FilesPage.tsx')).FilesPage }) },
            { path: 'rollouts', lazy: async () => ({ Component: (await import('../pages/RolloutsPage.tsx')).RolloutsPage }) },
            { path: 'rollouts/:id', lazy: async () => ({ Component: (await import('../pages/RolloutPage.tsx')).RolloutPage }) },
            {
              path: 'profiles',
              lazy: async () => ({ Component: (await import('../pages/provisioning/ProfilesPage.tsx')).ProfilesPage }),
            },
            {
              path: 'profiles/:name',
              lazy: async () => ({ Component: (await import('../pages/provisioning/ProfilesPage.tsx')).ProfilesPage }),
            },
            {
              path: 'subscribers',
              lazy: async () => ({ Component: (await import('../pages/provisioning/SubscribersPage.tsx')).SubscribersPage }),
            },
            {
              path: 'installer',
              lazy: async () => ({ Component: (await import('../pages/provisioning/InstallerPage.tsx')).InstallerPage }),
            },
            {
              path: 'installer/:id',
              lazy: async () => ({ Component: (await import('../pages/provisioning/InstallerPage.tsx')).InstallerPage }),
            },
            { path: 'alerts', lazy: async () => ({ Component: (await import('../pages/AlertsPage.tsx')).AlertsPage }) },
            { path: 'settings', lazy: async () => ({ Component: (await import('../pages/SettingsPage.tsx')).SettingsPage }) },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
