import { useState, type FormEvent } from 'react';
import { NavLink, useNavigate, useParams } from 'react-router-dom';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { Loading } from '../../../components/ui/Loading';
import { NotAllowed } from '../../../components/ui/NotAllowed';
import { Pagination } from '../../../components/ui/Pagination';
import { UnitSelect } from '../../../components/ui/UnitSelect';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/hooks/useAuth';
import { canManagePeople } from '../../auth/roles';
import { PersonForm } from '../components/PersonForm';
import { PersonRoles } from '../components/PersonRoles';
import { ResetPasswordAction } from '../components/ResetPasswordAction';
import { PEOPLE_PAGE_SIZE, usePeople, usePerson } from '../hooks/usePeople';

function PersonPanel({ id }: { id: string }) {
  const { t } = useI18n();
  const person = usePerson(id);
  if (person.isPending) return <Loading />;
  if (person.isError) return <ErrorMessage error={person.error} />;
  const p = person.data;
  return (
    <div data-person-id={p.id}>
      <div className="card">
        <h3>{p.name}</h3>
        {!p.active && <p className="tag tag-warn">{t('people.inactive')}</p>}
        <PersonForm person={p} onDone={() => undefined} />
        {/* The people screens are an admin's only (PeoplePage), as is the server's reset route. */}
        <ResetPasswordAction key={p.id} person={p} />
      </div>
      <PersonRoles person={p} />
    </div>
  );
}

/** Admins' list of people (searched and paged by the server), one person's details and roles beside it. */
export function PeoplePage() {
  const me = useMe();
  if (!me.data) return <Loading />;
  return canManagePeople(me.data) ? <PeopleScreen /> : <NotAllowed />;
}

function PeopleScreen() {
  const { t } = useI18n();
  const { id } = useParams();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState({ q: '', unitCode: '', page: 1 });
  const [adding, setAdding] = useState(false);
  const people = usePeople(filters);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters((f) => ({ ...f, q: search.trim(), page: 1 }));
  };
  return (
    <section aria-labelledby="people-heading">
      <div className="page-head">
        <h2 id="people-heading">{t('people.heading')}</h2>
        <button type="button" aria-expanded={adding} onClick={() => setAdding((v) => !v)}>
          {adding ? t('common.cancel') : t('people.add')}
        </button>
      </div>
      {adding && (
        <div className="card">
          <h3>{t('people.add')}</h3>
          <PersonForm
            onDone={(created) => {
              setAdding(false);
              navigate(`/people/${created.id}`);
            }}
          />
        </div>
      )}
      <div className="split">
        <div className="card">
          <form className="filters" onSubmit={submit} aria-label={t('people.filters')}>
            <label className="field">
              <span>{t('people.search')}</span>
              <input type="search" name="q" value={search} onChange={(e) => setSearch(e.target.value)} />
            </label>
            <UnitSelect
              name="unitCode"
              value={filters.unitCode}
              onChange={(unitCode) => setFilters((f) => ({ ...f, unitCode, page: 1 }))}
              emptyLabel={t('common.all')}
            />
            <div className="filter-actions">
              <button type="submit">{t('common.search')}</button>
            </div>
          </form>
          {people.isPending && <Loading />}
          {people.isError && <ErrorMessage error={people.error} />}
          {people.data && (
            <>
              <p className="muted small">{t('people.count', { n: people.data.total })}</p>
              <ul className="plain-list" data-testid="people-list">
                {people.data.items.map((p) => (
                  <li key={p.id} data-person-row={p.id}>
                    <NavLink to={`/people/${p.id}`}>{p.name}</NavLink>
                    {!p.active && <span className="muted"> · {t('people.inactive')}</span>}
                    <div className="muted small">{p.email}</div>
                    {p.roles.length > 0 && (
                      <div className="small">
                        {p.roles.map((r) => `${t(`role.${r.role}`)} · ${r.unitName}`).join('; ')}
                      </div>
                    )}
                  </li>
                ))}
              </ul>
              {people.data.items.length === 0 && <p className="muted">{t('common.none')}</p>}
              <Pagination
                page={filters.page}
                pageSize={PEOPLE_PAGE_SIZE}
                total={people.data.total}
                onPage={(page) => setFilters((f) => ({ ...f, page }))}
              />
            </>
          )}
        </div>
        <div>{id ? <PersonPanel key={id} id={id} /> : <p className="card muted">{t('people.choose')}</p>}</div>
      </div>
    </section>
  );
}
