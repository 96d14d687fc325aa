import { Link } from 'react-router-dom';
import type { IncidentListItem } from '@mw/shared';
import { Countdown } from '../../../components/ui/Countdown';
import { DataTable, type Column } from '../../../components/ui/DataTable';
import { DateTime } from '../../../components/ui/DateTime';
import { useI18n } from '../../../i18n/i18n';
import { SeverityBadge } from './SeverityBadge';
import { StatusBadge } from './StatusBadge';

/** Incidents in a list: a table on a wide screen, one card per incident on a phone. */
export function IncidentTable({ items }: { items: IncidentListItem[] }) {
  const { t } = useI18n();
  const columns: Column<IncidentListItem>[] = [
    {
      key: 'severity',
      header: t('incidents.severity'),
      phone: 'bare',
      cell: (i) => <SeverityBadge severity={i.severity} />,
    },
    {
      key: 'title',
      header: t('incidents.title'),
      phone: 'bare',
      cell: (i) => (
        <>
          <Link to={`/incidents/${i.id}`} className="incident-link">
            {i.number ? <span className="muted">#{i.number} </span> : null}
            {i.title}
          </Link>
          {i.unreachableUnits?.length > 0 && <span className="tag tag-warn">{t('incidents.unreachable')}</span>}
        </>
      ),
    },
    { key: 'units', header: t('incidents.units'), phone: 'bare', cell: (i) => i.units.map((u) => u.name).join(', ') },
    {
      key: 'status',
      header: t('incidents.status'),
      phone: 'bare',
      cell: (i) => (
        <>
          <StatusBadge status={i.status} /> <Countdown deadline={i.ackDueAt} done={i.status !== 'new'} />
        </>
      ),
    },
    {
      key: 'coverage',
      header: t('incidents.coverage'),
      phone: 'hide',
      cell: (i) => t('incidents.coverageCount', { mentions: i.mentionCount ?? 0, outlets: i.outletCount ?? 0 }),
    },
    { key: 'opened', header: t('incidents.openedAt'), phone: 'hide', cell: (i) => <DateTime value={i.openedAt} /> },
  ];
  return (
    <DataTable
      rows={items}
      columns={columns}
      rowKey={(i) => i.id}
      rowProps={(i) => ({ className: `sev-row sev-${i.severity}`, 'data-incident-id': i.id })}
      className="incident-table"
      testId="incident-table"
      empty={<p className="muted">{t('incidents.empty')}</p>}
    />
  );
}
