import type { DeliveryView } from '@mw/shared';
import { DateTime } from '../../../components/ui/DateTime';
import { useI18n } from '../../../i18n/i18n';
import { deliveryEventText } from '../coded-text';

/** Who was told of what, on which channel, and whether it arrived, was retried or was acknowledged (by whom, how). */
export function IncidentDeliveries({ deliveries }: { deliveries: DeliveryView[] }) {
  const { t } = useI18n();
  if (deliveries.length === 0) return <p className="muted">{t('incident.noDeliveries')}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('delivery.recipient')}</th>
            <th scope="col">{t('delivery.channel')}</th>
            <th scope="col">{t('delivery.status')}</th>
            <th scope="col">{t('delivery.sentAt')}</th>
            <th scope="col">{t('delivery.acknowledged')}</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id} data-delivery-status={d.status}>
              <td>
                {d.recipient.name}
                <div className="muted small">
                  {t('delivery.levelN', { level: d.level })} · {deliveryEventText(d.event, t)}
                </div>
              </td>
              <td>{t(`channel.${d.channel}`)}</td>
              <td>
                {t(`deliveryStatus.${d.status}`)}
                {d.retried && <span className="muted"> ({t('delivery.attempts', { n: d.attempts })})</span>}
                {d.lastError && <div className="error small">{d.lastError}</div>}
                {!d.sentAt && d.nextAttemptAt && (
                  <div className="muted small">
                    {t('delivery.nextAttempt')} <DateTime value={d.nextAttemptAt} />
                  </div>
                )}
              </td>
              <td>
                <DateTime value={d.sentAt} />
              </td>
              <td>
                {d.acknowledgedAt ? (
                  <>
                    <DateTime value={d.acknowledgedAt} />
                    {d.acknowledgedBy && ` · ${d.acknowledgedBy.name}`}
                    {d.acknowledgedVia && ` · ${t(`channel.${d.acknowledgedVia}`)}`}
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
