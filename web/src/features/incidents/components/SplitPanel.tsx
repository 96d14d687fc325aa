import { useState } from 'react';
import { IncidentErrorCode, type IncidentDetail } from '@mw/shared';
import { ApiError } from '../../../api/http';
import { DateTime } from '../../../components/ui/DateTime';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { useI18n } from '../../../i18n/i18n';
import { useSplit } from '../hooks/useIncidents';
import { splitSelectionValid } from '../triage';

/**
 * Moves the ticked mentions, which turned out to be about another matter, out into a new incident (opened, assigned
 * and notified like any other), after a confirmation. Some but not all mentions must be ticked.
 */
export function SplitPanel({
  incident,
  onDone,
}: {
  incident: IncidentDetail;
  onDone(created: IncidentDetail | null): void;
}) {
  const { t } = useI18n();
  const split = useSplit(incident.id);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [title, setTitle] = useState('');
  const [confirming, setConfirming] = useState(false);
  // Mentions that left the ticket since they were ticked are not sent.
  const chosen = incident.mentions.filter((m) => selected.has(m.mentionId));
  const chosenIds = new Set(chosen.map((m) => m.mentionId));
  const valid = splitSelectionValid(chosenIds, incident.mentions.length);
  // The body's `code` is typed with the generic codes; the incidents module adds its own.
  const errorCode: string | undefined = split.error instanceof ApiError ? split.error.body?.code : undefined;
  const nothingToSplit = errorCode === IncidentErrorCode.NothingToSplit;
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  if (confirming) {
    return (
      <div role="alertdialog" aria-labelledby="split-confirm-text" className="form">
        <p id="split-confirm-text">{t('triage.splitConfirm', { n: chosen.length, number: incident.number })}</p>
        <ul className="plain-list">
          {chosen.map((m) => (
            <li key={m.mentionId}>{m.title}</li>
          ))}
        </ul>
        {nothingToSplit ? (
          <p role="alert" className="error">
            {t('triage.nothingToSplit')}
          </p>
        ) : (
          split.isError && <ErrorMessage error={split.error} />
        )}
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={split.isPending || !valid}
            onClick={() =>
              split.mutate(
                { mentionIds: chosen.map((m) => m.mentionId), ...(title.trim() ? { title: title.trim() } : {}) },
                { onSuccess: (created) => onDone(created) },
              )
            }
          >
            {t('triage.splitConfirmButton')}
          </button>
          <button type="button" disabled={split.isPending} onClick={() => setConfirming(false)}>
            {t('triage.back')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form
      className="form"
      aria-label={t('triage.splitTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        split.reset();
        setConfirming(true);
      }}
    >
      <fieldset>
        <legend>{t('triage.splitTitle')}</legend>
        <p className="muted small">{t('triage.splitHint')}</p>
        <ul className="plain-list">
          {incident.mentions.map((m) => (
            <li key={m.mentionId}>
              <label className="checkbox" data-mention-id={m.mentionId}>
                <input
                  type="checkbox"
                  checked={selected.has(m.mentionId)}
                  onChange={(e) => toggle(m.mentionId, e.target.checked)}
                />
                <span>{m.title}</span>
              </label>{' '}
              <span className="muted small">
                {m.outlet} · <DateTime value={m.publishedAt ?? m.attachedAt} />
              </span>
            </li>
          ))}
        </ul>
        {chosen.length > 0 && chosen.length >= incident.mentions.length && (
          <p className="error">{t('triage.splitKeepOne')}</p>
        )}
        <label className="field">
          <span>{t('triage.splitNewTitle')}</span>
          <input value={title} maxLength={500} onChange={(e) => setTitle(e.target.value)} />
        </label>
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={!valid}>
          {t('triage.splitSelected', { n: chosen.length })}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
