import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { onRealtimeEvent } from '../../../api/socket';
import { useI18n } from '../../../i18n/i18n';
import { SeverityBadge } from '../../incidents/components/SeverityBadge';
import {
  alertFor,
  AlertMemory,
  askForNotifications,
  mayOfferNotifications,
  playChime,
  showSystemNotification,
  toastsFor,
  type AlertToast,
} from '../alerts';
import { useInbox, useMarkRead } from '../hooks/useInbox';

type Toast = AlertToast;

const TOAST_MS = 60_000;

/** The tab's memory of alerts shown: a replayed or redelivered notification is not toasted or chimed again. */
const alerted = new AlertMemory();

/**
 * A new S1/S2 alert for the signed-in person, the moment it arrives: a toast (which opens the ticket in one tap), a
 * short chime, a system notification when allowed, and the unread count in the tab title. The toast offers, once,
 * to turn on system notifications: the first serious alert is when that question makes sense.
 */
export function AlertCenter({ unread }: { unread: number | undefined }) {
  const { t } = useI18n();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [offer, setOffer] = useState(false);
  const inbox = useInbox(toasts.length > 0);
  const markRead = useMarkRead();

  useEffect(
    () =>
      onRealtimeEvent((event, data) => {
        const toast = alertFor(event, data, alerted);
        if (!toast) return;
        setToasts((list) => [toast, ...list.filter((x) => x.notificationId !== toast.notificationId)].slice(0, 3));
        setOffer(mayOfferNotifications());
        playChime();
        const url = toast.incidentId ? `/incidents/${toast.incidentId}` : '/inbox';
        void showSystemNotification(toast.title, t('inbox.toastBody'), toast.notificationId, url);
        setTimeout(() => setToasts((list) => list.filter((x) => x.notificationId !== toast.notificationId)), TOAST_MS);
      }),
    [t],
  );

  useEffect(() => {
    const base = t('app.title');
    document.title = unread && unread > 0 ? `(${unread > 99 ? '99+' : unread}) ${base}` : base;
  }, [unread, t]);

  const close = (id: string) => setToasts((list) => list.filter((x) => x.notificationId !== id));
  const shown = toastsFor(useLocation().pathname, toasts);
  return (
    <div className="toasts" role="status" aria-live="assertive" aria-label={t('inbox.alerts')}>
      {shown.map((toast) => {
        const item = inbox.data?.items.find((i) => i.id === toast.notificationId);
        const incident = item?.incident;
        return (
          <div
            key={toast.notificationId}
            className="toast"
            data-testid="alert-toast"
            data-notification-id={toast.notificationId}
          >
            <div className="toast-head">
              <SeverityBadge severity={(incident?.severity ?? toast.severity) as never} />
              <strong>{t('inbox.newAlert')}</strong>
            </div>
            <p className="toast-title">{incident?.title ?? toast.title}</p>
            {incident && incident.units.length > 0 && <p className="muted small">{incident.units.join(', ')}</p>}
            <div className="actions">
              {toast.incidentId && (
                <Link
                  className="button primary"
                  to={`/incidents/${toast.incidentId}`}
                  onClick={() => {
                    markRead.mutate(toast.notificationId);
                    close(toast.notificationId);
                  }}
                >
                  {t('inbox.openIncident')}
                </Link>
              )}
              <button type="button" onClick={() => close(toast.notificationId)}>
                {t('inbox.closeToast')}
              </button>
            </div>
            {offer && (
              <p className="small">
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    setOffer(false);
                    void askForNotifications();
                  }}
                >
                  {t('inbox.enableNotifications')}
                </button>
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}
