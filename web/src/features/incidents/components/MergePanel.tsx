import { useState } from 'react';
import type { IncidentDetail } from '@mw/shared';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { Loading } from '../../../components/ui/Loading';
import { useI18n } from '../../../i18n/i18n';
import { useIncidents, useMerge } from '../hooks/useIncidents';
import { mergeCandidates } from '../triage';

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
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  if (confirming) {
    return (
      <div role="alertdialog" aria-labelledby="merge-confirm-text" className="form">
        <p id="merge-confirm-text">
          {t('triage.mergeConfirm', {
            numbers: chosen.map((i) => `#${i.number}`).join(', '),
            target: incident.number,
          })}
        </p>
        <ul className="plain-list">
          {chosen.map((i) => (
            <li key={i.id}>
              <strong>#{i.number}</strong> {i.title}
            </li>
          ))}
        </ul>
        {merge.isError && <ErrorMessage error={merge.error} />}
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={merge.isPending || chosen.length === 0}
            onClick={() =>
              merge.mutate({ incidentIds: chosen.map((i) => i.id) }, { onSuccess: () => onDone(chosen.length) })
            }
          >
            {t('triage.mergeConfirmButton')}
          </button>
          <button type="button" disabled={merge.isPending} onClick={() => setConfirming(false)}>
            {t('triage.back')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form
      className="form"
      aria-label={t('triage.mergeTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        merge.reset();
        setConfirming(true);
      }}
    >
      <fieldset>
        <legend>{t('triage.mergeTitle')}</legend>
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
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={chosen.length === 0}>
          {t('triage.mergeSelected', { n: chosen.length })}
        </button>
        <button type="button" onClick={() => onDone(0)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
