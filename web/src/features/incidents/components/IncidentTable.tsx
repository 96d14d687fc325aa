import { Link } from 'react-router-dom';
import type { IncidentListItem } from '@mw/shared';
import { DateTime } from '../../../components/ui/DateTime';
import { SeverityBadge } from './SeverityBadge';
import { useI18n } from '../../../i18n/i18n';
import { StatusBadge } from './StatusBadge';

function isOverdue(item: IncidentListItem, now: number): boolean {
  return item.status === 'new' && !!item.ackDueAt && Date.parse(item.ackDueAt) < now;
}

export function IncidentTable({ items }: { items: IncidentListItem[] }) {
  const { t } = useI18n();
  const now = Date.now();
  if (items.length === 0) return <p className="muted">{t('incidents.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="incident-table">
        <thead>
          <tr>
            <th scope="col">{t('incidents.severity')}</th>
            <th scope="col">{t('incidents.title')}</th>
            <th scope="col">{t('incidents.units')}</th>
            <th scope="col">{t('incidents.status')}</th>
            <th scope="col">{t('incidents.coverage')}</th>
            <th scope="col">{t('incidents.openedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} className={`sev-row sev-${item.severity}`} data-incident-id={item.id}>
              <td>
                <SeverityBadge severity={item.severity} />
              </td>
              <td>
                <Link to={`/incidents/${item.id}`}>
                  {item.number ? <span className="muted">#{item.number} </span> : null}
                  {item.title}
                </Link>
                {isOverdue(item, now) && <span className="tag tag-danger">{t('incidents.ackOverdue')}</span>}
                {item.unreachableUnits?.length > 0 && (
                  <span className="tag tag-warn">{t('incidents.unreachable')}</span>
                )}
              </td>
              <td>{item.units.map((u) => u.name).join(', ')}</td>
              <td>
                <StatusBadge status={item.status} />
              </td>
              <td>
                {t('incidents.coverageCount', { mentions: item.mentionCount ?? 0, outlets: item.outletCount ?? 0 })}
              </td>
              <td>
                <DateTime value={item.openedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
