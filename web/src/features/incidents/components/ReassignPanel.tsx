import { useState, type FormEvent } from 'react';
import type { IncidentDetail } from '@mw/shared';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { FieldError, serverFieldError } from '../../../components/ui/FieldError';
import { Loading } from '../../../components/ui/Loading';
import { useI18n, type MessageKey } from '../../../i18n/i18n';
import { useMe } from '../../auth/hooks/useAuth';
import { isOffice } from '../../auth/roles';
import { useAssign } from '../hooks/useIncidents';
import { useAssigneeUnits } from '../hooks/useTriage';
import {
  assigneeCandidates,
  initialAssigneeSelection,
  refusedAssigneeNames,
  staleAssigneeIds,
  withToggled,
  type CandidateRole,
} from '../triage';

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
 * the current assignees ticked, except those who no longer hold a role there (flagged, unticked, so saving takes
 * them off). Saving replaces the assignees; the history keeps whoever was taken off.
 */
export function ReassignPanel({ incident, onDone }: { incident: IncidentDetail; onDone(saved: boolean): void }) {
  const { t } = useI18n();
  const me = useMe();
  const assign = useAssign(incident.id);
  const office = isOffice(me.data);
  const networks = useAssigneeUnits(
    incident.units.map((u) => u.code),
    office,
  );
  // Null until the person ticks something: the first ticks wait for the networks, which say who no longer qualifies.
  const [picked, setPicked] = useState<Set<string> | null>(null);
  if (networks.isPending) return <Loading />;

  const unitNames = new Map(networks.units.map((u) => [u.code, u.name]));
  for (const u of incident.units) unitNames.set(u.code, u.name);
  const candidates = assigneeCandidates(
    networks.units.map((u) => u.network),
    incident.assignees,
  );
  // Only someone who reads the office's network too can tell that a current assignee holds no role anywhere.
  const stale = staleAssigneeIds(candidates, office && networks.complete);
  const selected = picked ?? initialAssigneeSelection(incident.assignees, stale);
  const serverError = serverFieldError(assign.error, Object.keys(FIELD_MESSAGE));
  const fieldKey = serverError ? FIELD_MESSAGE[serverError.field] : undefined;
  const refused = refusedAssigneeNames(assign.error, [...candidates, ...incident.assignees]);
  const toggle = (personId: string, on: boolean) => setPicked(withToggled(selected, personId, on));
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
              {stale.has(c.personId) && (
                <>
                  {' '}
                  <span className="tag tag-warn" data-no-longer-qualified>
                    {t('triage.noLongerQualified')}
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      </fieldset>
      {fieldKey && serverError && (
        <FieldError
          id="reassign-personIds-error"
          field={serverError.field}
          messageKey={fieldKey}
          detail={serverError.detail}
          failure={serverError.failure}
        />
      )}
      {fieldKey && refused.length > 0 && (
        <p className="error small" data-refused-people>
          {t('triage.refusedPeople', { names: refused.join(', ') })}
        </p>
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
