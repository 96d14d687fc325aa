import { useState } from 'react';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { Loading } from '../../../components/ui/Loading';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/hooks/useAuth';
import { isAdmin } from '../../auth/roles';
import { SourceForm } from '../components/SourceForm';
import { SourcesTable } from '../components/SourcesTable';
import { useSources } from '../hooks/useSources';

export function SourcesPage() {
  const { t } = useI18n();
  const me = useMe();
  const sources = useSources();
  const [adding, setAdding] = useState(false);
  const admin = isAdmin(me.data);
  const failing = sources.data?.filter((s) => s.health === 'failing' || s.wentSilent).length ?? 0;
  return (
    <section aria-labelledby="sources-title">
      <div className="page-head">
        <h2 id="sources-title">{t('sources.heading')}</h2>
        {admin && (
          <button type="button" aria-expanded={adding} onClick={() => setAdding((v) => !v)}>
            {adding ? t('common.cancel') : t('sources.add')}
          </button>
        )}
      </div>
      {adding && (
        <div className="card">
          <h3>{t('sources.add')}</h3>
          <SourceForm onDone={() => setAdding(false)} />
        </div>
      )}
      <div className="card">
        {sources.data && <p className="muted">{t('sources.summary', { total: sources.data.length, failing })}</p>}
        {sources.isPending && <Loading />}
        {sources.isError && <ErrorMessage error={sources.error} />}
        {sources.data && <SourcesTable sources={sources.data} canManage={admin} />}
      </div>
    </section>
  );
}
