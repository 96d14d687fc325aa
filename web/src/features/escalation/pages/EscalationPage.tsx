import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { Loading } from '../../../components/ui/Loading';
import { NotAllowed } from '../../../components/ui/NotAllowed';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/hooks/useAuth';
import { canReadEscalation, isAdmin } from '../../auth/roles';
import { EscalationSettingsForm } from '../components/EscalationSettingsForm';
import { SeverityLevelForm } from '../components/SeverityLevelForm';
import { useEscalationSettings, useSeverityLevelList } from '../hooks/useEscalation';

/** Severity levels and the escalation calendar: read by the office roles, edited by admins. */
export function EscalationPage() {
  const me = useMe();
  if (!me.data) return <Loading />;
  return canReadEscalation(me.data) ? <EscalationScreen canEdit={isAdmin(me.data)} /> : <NotAllowed />;
}

function EscalationScreen({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const levels = useSeverityLevelList();
  const settings = useEscalationSettings();
  return (
    <section aria-labelledby="escalation-heading">
      <h2 id="escalation-heading">{t('escalationAdmin.heading')}</h2>
      {!canEdit && <p className="muted">{t('escalationAdmin.readOnly')}</p>}
      {settings.isPending && <Loading />}
      {settings.isError && <ErrorMessage error={settings.error} />}
      {settings.data && <EscalationSettingsForm settings={settings.data} canEdit={canEdit} />}
      <h3>{t('escalationAdmin.levels')}</h3>
      {levels.isPending && <Loading />}
      {levels.isError && <ErrorMessage error={levels.error} />}
      {levels.data?.map((level) => (
        <SeverityLevelForm key={level.code} level={level} canEdit={canEdit} />
      ))}
    </section>
  );
}
