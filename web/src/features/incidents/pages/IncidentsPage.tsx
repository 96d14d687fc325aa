import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { SEVERITIES } from '@mw/shared';
import { dayBoundary } from '../../../components/ui/dates';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { FiltersToggle } from '../../../components/ui/FiltersToggle';
import { Loading } from '../../../components/ui/Loading';
import { Pagination } from '../../../components/ui/Pagination';
import { useI18n } from '../../../i18n/i18n';
import { hasRole } from '../../auth/roles';
import { useMe } from '../../auth/hooks/useAuth';
import type { IncidentFilters as Filters } from '../api/incidents.api';
import { CreateIncidentForm } from '../components/CreateIncidentForm';
import { EMPTY_FILTERS, IncidentFilters, type FilterValues } from '../components/IncidentFilters';
import { IncidentTable } from '../components/IncidentTable';
import { IncidentsEmpty } from '../components/IncidentsEmpty';
import { useSeverityLook } from '../components/SeverityBadge';
import { useIncidents } from '../hooks/useIncidents';
import { useSeverityCounts } from '../hooks/useSeverityCounts';

const PAGE_SIZE = 25;
const FILTER_NAMES = Object.keys(EMPTY_FILTERS) as (keyof FilterValues)[];

/** Filters live in the address so a triage view can be shared or reloaded as it is. */
export function IncidentsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const values: FilterValues = useMemo(() => {
    const v = { ...EMPTY_FILTERS };
    for (const name of FILTER_NAMES) v[name] = params.get(name) ?? '';
    return v;
  }, [params]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filters: Filters = {
    q: values.q || undefined,
    status: values.status || undefined,
    severity: values.severity || undefined,
    unit: values.unit || undefined,
    category: values.category || undefined,
    from: dayBoundary(values.from, 'start') ?? undefined,
    to: dayBoundary(values.to, 'end') ?? undefined,
  };
  const list = useIncidents({ ...filters, page, pageSize: PAGE_SIZE });
  const look = useSeverityLook();
  const counts = useSeverityCounts({ ...filters, severity: undefined });
  const canOpen = hasRole(me.data, 'admin', 'office_spokesperson', 'unit_spokesperson', 'leader');

  const setFilters = (next: FilterValues, nextPage = 1) => {
    const search = new URLSearchParams();
    for (const name of FILTER_NAMES) if (next[name]) search.set(name, next[name]);
    if (nextPage > 1) search.set('page', String(nextPage));
    setParams(search);
  };

  return (
    <section aria-labelledby="incidents-title">
      <div className="page-head">
        <h2 id="incidents-title">{t('incidents.heading')}</h2>
        {canOpen && (
          <button type="button" onClick={() => setCreating((v) => !v)} aria-expanded={creating}>
            {creating ? t('common.cancel') : t('incidents.openManual')}
          </button>
        )}
      </div>
      {creating && (
        <div className="card">
          <h3>{t('incidents.openManual')}</h3>
          <CreateIncidentForm onCreated={(id) => navigate(`/incidents/${id}`)} />
        </div>
      )}
      <div className={`card list-card${filtersOpen ? ' filters-open' : ''}`}>
        <FiltersToggle
          open={filtersOpen}
          onToggle={() => setFiltersOpen((open) => !open)}
          controls="incident-filters"
          active={FILTER_NAMES.filter((name) => values[name] && name !== 'severity').length}
        />
        <div id="incident-filters" className="filters-panel">
          <IncidentFilters value={values} onChange={(next) => setFilters(next)} />
        </div>
        <ul className="counts" aria-label={t('incidents.countsBySeverity')}>
          <li>
            <strong data-testid="incident-total">{list.data?.total ?? '…'}</strong> {t('incidents.total')}
          </li>
          {SEVERITIES.map((s) => (
            <li key={s}>
              <button
                type="button"
                className="count-chip"
                style={{ borderColor: look(s).colour }}
                aria-pressed={values.severity === s}
                onClick={() => setFilters({ ...values, severity: values.severity === s ? '' : s })}
              >
                <span className="dot" style={{ background: look(s).colour }} aria-hidden="true" />
                {s}: {counts[s] ?? '…'}
              </button>
            </li>
          ))}
        </ul>
        {list.isPending && <Loading />}
        {list.isError && <ErrorMessage error={list.error} />}
        {list.data && list.data.total === 0 && (
          <IncidentsEmpty
            filtered={FILTER_NAMES.some((name) => values[name] !== '')}
            onClear={() => setFilters(EMPTY_FILTERS)}
          />
        )}
        {list.data && list.data.total > 0 && (
          <>
            <IncidentTable items={list.data.items} />
            <Pagination
              page={page}
              pageSize={list.data.pageSize || PAGE_SIZE}
              total={list.data.total}
              onPage={(p) => setFilters(values, p)}
            />
          </>
        )}
      </div>
    </section>
  );
}
