import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { AuditEntryView, AuditListQuery } from '@mw/shared';
import { DataTable, type Column } from '../../../components/ui/DataTable';
import { DateTime } from '../../../components/ui/DateTime';
import { dayBoundary, dayInvalid, nextDayStart } from '../../../components/ui/dates';
import { DayRangeFields } from '../../../components/ui/DayMonthYearField';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { FilterActions } from '../../../components/ui/FilterActions';
import { Loading } from '../../../components/ui/Loading';
import { NotAllowed } from '../../../components/ui/NotAllowed';
import { Pagination } from '../../../components/ui/Pagination';
import { SelectField } from '../../../components/ui/SelectField';
import { hasMessage, useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/hooks/useAuth';
import { canManagePeople, canReadAudit } from '../../auth/roles';
import { ENTITY_TYPES, KNOWN_ACTIONS } from '../audit-actions';
import { AUDIT_PAGE_SIZE, useAudit } from '../hooks/useAudit';

interface Draft {
  action: string;
  entityType: string;
  from: string;
  to: string;
}
const EMPTY: Draft = { action: '', entityType: '', from: '', to: '' };

function Changes({ entry }: { entry: AuditEntryView }) {
  const { t } = useI18n();
  if (entry.before === null && entry.after === null) return <span className="muted">—</span>;
  return (
    <details>
      <summary>{t('audit.changes')}</summary>
      {entry.before !== null && (
        <>
          <p className="small">{t('audit.before')}</p>
          <pre className="small">{JSON.stringify(entry.before, null, 2)}</pre>
        </>
      )}
      {entry.after !== null && (
        <>
          <p className="small">{t('audit.after')}</p>
          <pre className="small">{JSON.stringify(entry.after, null, 2)}</pre>
        </>
      )}
    </details>
  );
}

/** Where an entry points: the entity's type and its name (a link where there is a page for it), else its id. */
function EntityRef({
  entry,
  typeLabel,
  linkPeople,
}: {
  entry: AuditEntryView;
  typeLabel: string;
  linkPeople: boolean;
}) {
  const name = entry.entityLabel ?? entry.entityId;
  if (!entry.entityId || !name) return <span className="small">{typeLabel}</span>;
  const to =
    entry.entityType === 'person' && linkPeople
      ? `/people/${entry.entityId}`
      : entry.entityType === 'incident'
        ? `/incidents/${entry.entityId}`
        : entry.entityType === 'unit'
          ? `/units/${entry.entityId}`
          : null;
  return (
    <span className="small" data-entity-label={entry.entityLabel ?? ''}>
      {typeLabel} ·{' '}
      {to ? (
        <Link to={to} title={entry.entityId}>
          {name}
        </Link>
      ) : (
        <span title={entry.entityId}>{name}</span>
      )}
    </span>
  );
}

/** The append-only audit log for admins and leaders: filtered and paged by the server. */
export function AuditLogPage() {
  const me = useMe();
  if (!me.data) return <Loading />;
  return canReadAudit(me.data) ? <AuditScreen linkPeople={canManagePeople(me.data)} /> : <NotAllowed />;
}

function AuditScreen({ linkPeople }: { linkPeople: boolean }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [query, setQuery] = useState<AuditListQuery>({ page: 1 });
  const audit = useAudit(query);
  const datesInvalid = dayInvalid(draft.from) || dayInvalid(draft.to);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const actionLabel = (action: string) => {
    const key = `auditAction.${action}`;
    return hasMessage(key) ? t(key) : action;
  };
  const entityLabel = (entityType: string) => {
    const key = `auditEntity.${entityType}`;
    return hasMessage(key) ? t(key) : entityType;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (datesInvalid) return;
    setQuery((q) => ({
      actorId: q.actorId,
      action: draft.action.trim() || undefined,
      entityType: draft.entityType || undefined,
      from: dayBoundary(draft.from, 'start') ?? undefined,
      // The server reads [from, to): the whole "to" day is in when the window ends at the next day's midnight.
      to: nextDayStart(draft.to) ?? undefined,
      page: 1,
    }));
  };
  const columns: Column<AuditEntryView>[] = [
    { key: 'at', header: t('audit.at'), cell: (entry) => <DateTime value={entry.at} /> },
    {
      key: 'actor',
      header: t('audit.actor'),
      cell: (entry) =>
        entry.actorId ? (
          <button
            type="button"
            className="link-button"
            title={t('audit.filterByActor')}
            onClick={() => setQuery((q) => ({ ...q, actorId: entry.actorId ?? undefined, page: 1 }))}
          >
            {entry.actorEmail ?? entry.actorId}
          </button>
        ) : (
          <span className="muted">{t('audit.system')}</span>
        ),
    },
    {
      key: 'action',
      header: t('audit.action'),
      cell: (entry) => <span title={entry.action}>{actionLabel(entry.action)}</span>,
    },
    {
      key: 'entity',
      header: t('audit.entity'),
      cell: (entry) => <EntityRef entry={entry} typeLabel={entityLabel(entry.entityType)} linkPeople={linkPeople} />,
    },
    { key: 'changes', header: t('audit.changes'), cell: (entry) => <Changes entry={entry} /> },
  ];
  const actor = query.actorId ? audit.data?.items.find((e) => e.actorId === query.actorId)?.actorEmail : undefined;
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t('audit.heading')}</h2>
      <div className="card">
        <form className="filters" onSubmit={submit} aria-label={t('audit.filters')}>
          <label className="field">
            <span>{t('audit.action')}</span>
            <input
              name="action"
              list="audit-actions"
              value={draft.action}
              onChange={(e) => set({ action: e.target.value })}
            />
            <datalist id="audit-actions">
              {KNOWN_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {actionLabel(a)}
                </option>
              ))}
            </datalist>
          </label>
          <SelectField
            label={t('audit.entityType')}
            name="entityType"
            value={draft.entityType}
            onChange={(entityType) => set({ entityType })}
            emptyLabel={t('common.all')}
            options={ENTITY_TYPES.map((e) => ({ value: e, label: entityLabel(e) }))}
          />
          <DayRangeFields from={draft.from} to={draft.to} onFrom={(from) => set({ from })} onTo={(to) => set({ to })} />
          <FilterActions
            datesInvalid={datesInvalid}
            onClear={() => {
              setDraft(EMPTY);
              setQuery({ page: 1 });
            }}
          />
        </form>
        {query.actorId && (
          <p className="actions">
            <span>{t('audit.actorFilter', { actor: actor ?? query.actorId })}</span>
            <button type="button" onClick={() => setQuery((q) => ({ ...q, actorId: undefined, page: 1 }))}>
              {t('audit.clearActor')}
            </button>
          </p>
        )}
      </div>
      <div className="card">
        {audit.isPending && <Loading />}
        {audit.isError && <ErrorMessage error={audit.error} />}
        {audit.data && (
          <>
            <p className="muted small">{t('audit.count', { n: audit.data.total })}</p>
            <DataTable
              rows={audit.data.items}
              columns={columns}
              rowKey={(entry) => entry.id}
              rowProps={(entry) => ({ 'data-audit-action': entry.action, 'data-entity-id': entry.entityId ?? '' })}
              testId="audit-table"
            />
            {audit.data.items.length === 0 && <p className="muted">{t('common.none')}</p>}
            <Pagination
              page={query.page ?? 1}
              pageSize={AUDIT_PAGE_SIZE}
              total={audit.data.total}
              onPage={(page) => setQuery((q) => ({ ...q, page }))}
            />
          </>
        )}
      </div>
    </section>
  );
}
