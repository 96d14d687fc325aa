import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { InAppNotificationView, Severity } from '@mw/shared';
import { Countdown } from '../../../components/ui/Countdown';
import { DateTime } from '../../../components/ui/DateTime';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { Loading } from '../../../components/ui/Loading';
import { useI18n } from '../../../i18n/i18n';
import { SeverityBadge } from '../../incidents/components/SeverityBadge';
import { StatusBadge } from '../../incidents/components/StatusBadge';
import { askForNotifications, mayOfferNotifications } from '../alerts';
import { useAcknowledgeFromAlert, useInbox, useMarkAllRead, useMarkRead } from '../hooks/useInbox';

function InboxItem({ item }: { item: InAppNotificationView }) {
  const { t } = useI18n();
  const markRead = useMarkRead();
  const acknowledge = useAcknowledgeFromAlert();
  const incident = item.incident;
  const unread = item.readAt === null;
  const waiting = incident?.status === 'new' || (incident?.status === null && !item.acknowledgedAt);
  const open = () => {
    if (unread) markRead.mutate(item.id);
  };
  return (
    <li className={`inbox-item${unread ? ' unread' : ''}`} data-notification-id={item.id} data-unread={unread}>
      <div className="inbox-head">
        {unread && (
          <span className="unread-dot" title={t('inbox.unread')}>
            <span className="visually-hidden">{t('inbox.unread')}</span>
          </span>
        )}
        {incident?.severity && <SeverityBadge severity={incident.severity as Severity} />}
        {incident?.status && <StatusBadge status={incident.status as never} />}
        <span className="muted small">
          <DateTime value={item.createdAt} />
        </span>
      </div>
      <p className="inbox-title">
        {item.link && incident ? (
          <Link to={`/incidents/${incident.id}`} onClick={open}>
            {item.title}
          </Link>
        ) : (
          item.title
        )}
      </p>
      {incident && (
        <p className="muted small inbox-incident">
          {incident.number > 0 && <>#{incident.number} · </>}
          {incident.units.join(', ') || '—'}
          {incident.ackDueAt && (
            <>
              {' · '}
              {t('incident.ackDue')}: <DateTime value={incident.ackDueAt} relative={false} />{' '}
              <Countdown deadline={incident.ackDueAt} done={!waiting} />
            </>
          )}
        </p>
      )}
      {!incident && <p className="small">{item.body}</p>}
      <div className="actions">
        {item.asksAcknowledgement && incident && waiting && (
          <button
            type="button"
            className="primary"
            disabled={acknowledge.isPending}
            onClick={() => acknowledge.mutate({ notificationId: item.id, incidentId: incident.id })}
          >
            {t('incident.acknowledge')}
          </button>
        )}
        {unread && (
          <button type="button" disabled={markRead.isPending} onClick={() => markRead.mutate(item.id)}>
            {t('inbox.markRead')}
          </button>
        )}
      </div>
      {acknowledge.isError && <ErrorMessage error={acknowledge.error} />}
    </li>
  );
}

/** Every in-app alert of the signed-in person, newest first: open the ticket, acknowledge it, mark read. */
export function InboxPage() {
  const { t } = useI18n();
  const inbox = useInbox();
  const markAll = useMarkAllRead();
  const [offer, setOffer] = useState(mayOfferNotifications);
  return (
    <section aria-labelledby="inbox-title">
      <div className="page-head">
        <h2 id="inbox-title">{t('inbox.heading')}</h2>
        {inbox.data && inbox.data.unread > 0 && (
          <button type="button" disabled={markAll.isPending} onClick={() => markAll.mutate()}>
            {t('inbox.markAllRead')}
          </button>
        )}
      </div>
      {offer && (
        <p className="notice">
          {t('inbox.notificationsHint')}{' '}
          <button
            type="button"
            onClick={() => {
              setOffer(false);
              void askForNotifications();
            }}
          >
            {t('inbox.enableNotifications')}
          </button>
        </p>
      )}
      <div className="card">
        {inbox.isPending && <Loading />}
        {inbox.isError && <ErrorMessage error={inbox.error} />}
        {inbox.data && (
          <>
            <p className="muted small" data-testid="inbox-unread">
              {t('inbox.unreadCount', { n: inbox.data.unread })}
            </p>
            {inbox.data.items.length === 0 ? (
              <p className="muted">{t('inbox.empty')}</p>
            ) : (
              <ul className="plain-list inbox-list">
                {inbox.data.items.map((item) => (
                  <InboxItem key={item.id} item={item} />
                ))}
              </ul>
            )}
          </>
        )}
        {markAll.isError && <ErrorMessage error={markAll.error} />}
      </div>
    </section>
  );
}
