import { useState } from 'react';
import { NavLink, useParams } from 'react-router-dom';
import { fold } from '@mw/shared';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { Loading } from '../../../components/ui/Loading';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/hooks/useAuth';
import { isOffice } from '../../auth/roles';
import { GapsReport } from '../components/GapsReport';
import { UnitNetworkCard } from '../components/UnitNetworkCard';
import { useUnit, useUnits } from '../hooks/useUnits';

export function UnitsPage() {
  const { t } = useI18n();
  const { code } = useParams();
  const me = useMe();
  const units = useUnits();
  const [search, setSearch] = useState('');
  const selectedCode = code ?? (units.data?.length === 1 ? units.data[0]?.code : undefined);
  const unit = useUnit(selectedCode);
  const needle = fold(search.trim());
  const shown = (units.data ?? []).filter((u) => !needle || fold(u.name).includes(needle) || u.code.includes(needle));
  return (
    <section aria-labelledby="units-heading">
      <h2 id="units-heading">{t('units.heading')}</h2>
      <div className="split">
        <div className="card unit-list">
          <label className="field">
            <span>{t('common.search')}</span>
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </label>
          {units.isPending && <Loading />}
          {units.isError && <ErrorMessage error={units.error} />}
          <p className="muted small">{t('units.count', { n: shown.length })}</p>
          <ul className="plain-list scroll-y">
            {shown.map((u) => (
              <li key={u.code}>
                <NavLink to={`/units/${u.code}`}>{u.name}</NavLink>
              </li>
            ))}
          </ul>
        </div>
        <div>
          {selectedCode && unit.isPending && <Loading />}
          {unit.isError && <ErrorMessage error={unit.error} />}
          {unit.data && <UnitNetworkCard unit={unit.data} />}
          {!selectedCode && <p className="card muted">{t('units.choose')}</p>}
          {isOffice(me.data) && <GapsReport />}
        </div>
      </div>
    </section>
  );
}
