// New alerts, told at once: an in-app toast (kept until dismissed, with a link to the Alerts
// page) and, when the operator allowed it on the Alerts page, a desktop notification through
// the browser's Notification API (also in Electron's renderer). Muted alerts stay quiet.
import { useEffect, useRef } from 'react';
import { useClient } from '../../api/client-context.tsx';
import { useToasts } from '../../components/Toasts.tsx';

export function useAlertNotifications(): void {
  const client = useClient();
  const toasts = useToasts();
  /** Alerts already told (an acknowledge, mute or unmute also sends alertChanged). */
  const told = useRef(new Set<number>());
  useEffect(
    () =>
      client.onEvent('alertChanged', ({ alertId, state }) => {
        if (state !== 'open' || told.current.has(alertId)) return;
        void client
          .call('listAlerts', { state: 'open', limit: 50 })
          .then((list) => {
            const a = list.find((x) => x.id === alertId);
            // Muted or already acknowledged: nothing to tell.
            if (a === undefined || a.mutedUntil !== null || a.ackedAt !== null) return;
            told.current.add(a.id);
            toasts.show(`Alert: ${a.ruleName} on ${a.deviceId}: ${a.message}`, 'bad', { href: '#/alerts', label: 'Alerts' });
            if (typeof Notification !== 'undefined' && Notification.permission === 'granted')
              new Notification(`DeskACS: ${a.ruleName}`, { body: `${a.deviceId}: ${a.message}`, tag: `alert-${a.id}` });
          })
          .catch(() => undefined);
      }),
    [client, toasts],
  );
}

/** Asks for permission to notify (from a click: browsers want a user gesture). */
export function askNotificationPermission(): void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
}
