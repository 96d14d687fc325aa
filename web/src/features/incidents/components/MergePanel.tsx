import { useState } from 'react';
import type { IncidentDetail } from '@mw/shared';
import { ChoiceStep, ConfirmStep } from '../../../components/ui/ConfirmStep';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { Loading } from '../../../components/ui/Loading';
import { useI18n } from '../../../i18n/i18n';
import { useIncidents, useMerge } from '../hooks/useIncidents';
import { isStaleTicketError, mergeCandidates, withToggled } from '../triage';

/** The open incidents a person may fold in: the server scopes the list; the newest 200 are enough to triage. */
const CANDIDATE_PAGE = { page: 1, pageSize: 200 };

/**
 * Folds other open incidents into this one (coverage, units and assignees move here; the others close as merged),
 * after a confirmation that names them.
 */
export function MergePanel({ incident, onDone }: { incident: IncidentDetail; onDone(merged: number): void }) {
  const { t } = useI18n();
  const list = useIncidents(CANDIDATE_PAGE);
  const merge = useMerge(incident.id);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);

  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorMessage error={list.error} />;
  const all = mergeCandidates(list.data.items, incident.id, '');
  const shown = mergeCandidates(list.data.items, incident.id, search);
  // A ticket closed or merged since it was ticked is no longer offered, nor sent.
  const chosen = all.filter((i) => selected.has(i.id));
  const toggle = (id: string, on: boolean) => setSelected((s) => withToggled(s, id, on));

  if (confirming) {
    return (
      <ConfirmStep
        id="merge-confirm-text"
        message={t('triage.mergeConfirm', {
          numbers: chosen.map((i) => `#${i.number}`).join(', '),
          target: incident.number,
        })}
        confirmLabel={t('triage.mergeConfirmButton')}
        backLabel={t('triage.back')}
        pending={merge.isPending}
        canConfirm={chosen.length > 0}
        onConfirm={() =>
          merge.mutate({ incidentIds: chosen.map((i) => i.id) }, { onSuccess: () => onDone(chosen.length) })
        }
        onBack={() => setConfirming(false)}
      >
        <ul className="plain-list">
          {chosen.map((i) => (
            <li key={i.id}>
              <strong>#{i.number}</strong> {i.title}
            </li>
          ))}
        </ul>
        {merge.isError &&
          (isStaleTicketError(merge.error) ? (
            <p role="alert" className="error" data-error="merge-stale">
              {t('triage.mergeStale')}
            </p>
          ) : (
            <ErrorMessage error={merge.error} />
          ))}
      </ConfirmStep>
    );
  }

  return (
    <ChoiceStep
      title={t('triage.mergeTitle')}
      submitLabel={t('triage.mergeSelected', { n: chosen.length })}
      canSubmit={chosen.length > 0}
      onSubmit={() => {
        merge.reset();
        setConfirming(true);
      }}
      onCancel={() => onDone(0)}
    >
      <label className="field">
        <span>{t('triage.mergeSearch')}</span>
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      {shown.length === 0 && <p className="muted">{t('triage.noMergeCandidates')}</p>}
      <ul className="plain-list scroll-y">
        {shown.map((i) => (
          <li key={i.id}>
            <label className="checkbox" data-incident-id={i.id}>
              <input type="checkbox" checked={selected.has(i.id)} onChange={(e) => toggle(i.id, e.target.checked)} />
              <span>
                <strong>#{i.number}</strong> {i.title}
              </span>
            </label>{' '}
            <span className="muted small">
              {t(`status.${i.status}`)} · {i.units.map((u) => u.name).join(', ')}
            </span>
          </li>
        ))}
      </ul>
    </ChoiceStep>
  );
}
