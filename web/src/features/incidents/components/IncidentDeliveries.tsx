import type { DeliveryView } from '@mw/shared';
import { DataTable, type Column } from '../../../components/ui/DataTable';
import { DateTime } from '../../../components/ui/DateTime';
import { useI18n } from '../../../i18n/i18n';
import { deliveryEventText } from '../coded-text';

/** Who was told of what, on which channel, and whether it arrived, was retried or was acknowledged (by whom, how). */
export function IncidentDeliveries({ deliveries }: { deliveries: DeliveryView[] }) {
  const { t } = useI18n();
  const columns: Column<DeliveryView>[] = [
    {
      key: 'recipient',
      header: t('delivery.recipient'),
      phone: 'bare',
      cell: (d) => (
        <>
          {d.recipient.name}
          <div className="muted small">
            {t('delivery.levelN', { level: d.level })} · {deliveryEventText(d.event, t)}
          </div>
        </>
      ),
    },
    { key: 'channel', header: t('delivery.channel'), cell: (d) => t(`channel.${d.channel}`) },
    {
      key: 'status',
      header: t('delivery.status'),
      cell: (d) => (
        <>
          {t(`deliveryStatus.${d.status}`)}
          {d.retried && <span className="muted"> ({t('delivery.attempts', { n: d.attempts })})</span>}
          {d.lastError && <div className="error small">{d.lastError}</div>}
          {!d.sentAt && d.nextAttemptAt && (
            <div className="muted small">
              {t('delivery.nextAttempt')} <DateTime value={d.nextAttemptAt} />
            </div>
          )}
        </>
      ),
    },
    { key: 'sent', header: t('delivery.sentAt'), cell: (d) => <DateTime value={d.sentAt} /> },
    {
      key: 'acknowledged',
      header: t('delivery.acknowledged'),
      cell: (d) =>
        d.acknowledgedAt ? (
          <>
            <DateTime value={d.acknowledgedAt} />
            {d.acknowledgedBy && ` · ${d.acknowledgedBy.name}`}
            {d.acknowledgedVia && ` · ${t(`channel.${d.acknowledgedVia}`)}`}
          </>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <DataTable
      rows={deliveries}
      columns={columns}
      rowKey={(d) => d.id}
      rowProps={(d) => ({ 'data-delivery-status': d.status })}
      empty={<p className="muted">{t('incident.noDeliveries')}</p>}
    />
  );
}
