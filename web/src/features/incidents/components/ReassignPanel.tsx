import { useState, type FormEvent } from 'react';
import type { IncidentDetail } from '@mw/shared';
import { ApiError } from '../../../api/http';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { FieldError } from '../../../components/ui/FieldError';
import { Loading } from '../../../components/ui/Loading';
import { useI18n, type MessageKey } from '../../../i18n/i18n';
import { useMe } from '../../auth/hooks/useAuth';
import { isOffice } from '../../auth/roles';
import { useAssign } from '../hooks/useIncidents';
import { useAssigneeUnits } from '../hooks/useTriage';
import { assigneeCandidates, withToggled, type CandidateRole } from '../triage';

const ROLE_LABEL: Record<CandidateRole, MessageKey> = {
  spokesperson: 'units.spokesperson',
  deputySpokesperson: 'units.deputy',
  principal: 'units.principal',
  leader: 'units.leaders',
};

/** Field names of AssignRequest the server may name in a validation error. */
const FIELD_MESSAGE: Record<string, MessageKey> = { personIds: 'triage.personIdsInvalid' };

/**
 * Sets who handles the ticket: the people of its units' spokesperson networks (and the office's, for the office),
 * the current assignees ticked. Saving replaces the assignees; the history keeps whoever was taken off.
 */
export function ReassignPanel({ incident, onDone }: { incident: IncidentDetail; onDone(saved: boolean): void }) {
  const { t } = useI18n();
  const me = useMe();
  const assign = useAssign(incident.id);
  const networks = useAssigneeUnits(
    incident.units.map((u) => u.code),
    isOffice(me.data),
  );
  const [selected, setSelected] = useState<Set<string>>(() => new Set(incident.assignees.map((a) => a.personId)));
  if (networks.isPending) return <Loading />;

  const unitNames = new Map(networks.units.map((u) => [u.code, u.name]));
  for (const u of incident.units) unitNames.set(u.code, u.name);
  const candidates = assigneeCandidates(
    networks.units.map((u) => u.network),
    incident.assignees,
  );
  const field = assign.error instanceof ApiError ? assign.error.field : undefined;
  const fieldKey = field ? FIELD_MESSAGE[field] : undefined;
  const toggle = (personId: string, on: boolean) => setSelected((s) => withToggled(s, personId, on));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    assign.mutate({ personIds: [...selected], replace: true }, { onSuccess: () => onDone(true) });
  };

  return (
    <form className="form" onSubmit={submit} aria-label={t('triage.reassignTitle')}>
      <fieldset aria-invalid={!!fieldKey} aria-describedby={fieldKey ? 'reassign-personIds-error' : undefined}>
        <legend>{t('triage.reassignTitle')}</legend>
        <p className="muted small">{t('triage.reassignHint')}</p>
        {candidates.length === 0 && <p className="muted">{t('triage.noCandidates')}</p>}
        <ul className="plain-list">
          {candidates.map((c) => (
            <li key={c.personId}>
              <label className="checkbox" data-person-id={c.personId}>
                <input
                  type="checkbox"
                  checked={selected.has(c.personId)}
                  onChange={(e) => toggle(c.personId, e.target.checked)}
                />
                <strong>{c.name}</strong>
              </label>{' '}
              <span className="muted small">
                {c.roles.map((r) => `${t(ROLE_LABEL[r.role])} · ${unitNames.get(r.unitCode) ?? r.unitCode}`).join('; ')}
                {c.current && ` (${t('triage.current')})`}
              </span>
            </li>
          ))}
        </ul>
      </fieldset>
      {fieldKey && field && (
        <FieldError
          id="reassign-personIds-error"
          field={field}
          messageKey={fieldKey}
          detail={assign.error instanceof ApiError ? assign.error.body?.message : undefined}
        />
      )}
      {assign.isError && !fieldKey && <ErrorMessage error={assign.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={selected.size === 0 || assign.isPending}>
          {t('triage.saveAssignees')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
