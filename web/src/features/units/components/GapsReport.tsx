import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { Loading } from '../../../components/ui/Loading';
import { useI18n } from '../../../i18n/i18n';
import { useGaps } from '../hooks/useUnits';

export function GapsReport() {
  const { t } = useI18n();
  const gaps = useGaps(true);
  return (
    <section className="card" aria-labelledby="gaps-title">
      <h3 id="gaps-title">{t('units.gaps')}</h3>
      {gaps.isPending && <Loading />}
      {gaps.isError && <ErrorMessage error={gaps.error} />}
      {gaps.data && (
        <>
          <p className="muted">{t('units.gapsSummary', { n: gaps.data.units.length, total: gaps.data.totalUnits })}</p>
          <div className="table-wrap scroll-y">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('units.unit')}</th>
                  <th scope="col">{t('units.missingRoles')}</th>
                </tr>
              </thead>
              <tbody>
                {gaps.data.units.map((u) => (
                  <tr key={u.code}>
                    <td>
                      <Link to={`/units/${u.code}`}>{u.name}</Link>
                    </td>
                    <td>{u.missing.map((m) => t(`gap.${m}`)).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
