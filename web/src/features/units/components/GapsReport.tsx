import { Link } from 'react-router-dom';
import { DataTable } from '../../../components/ui/DataTable';
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
          <div className="scroll-y">
            <DataTable
              rows={gaps.data.units}
              columns={[
                {
                  key: 'unit',
                  header: t('units.unit'),
                  phone: 'bare',
                  cell: (u) => <Link to={`/units/${u.code}`}>{u.name}</Link>,
                },
                {
                  key: 'missing',
                  header: t('units.missingRoles'),
                  cell: (u) => u.missing.map((m) => t(`gap.${m}`)).join(', '),
                },
              ]}
              rowKey={(u) => u.code}
            />
          </div>
        </>
      )}
    </section>
  );
}
