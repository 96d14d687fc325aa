import { useState } from 'react';
import { IncidentErrorCode, type IncidentDetail } from '@mw/shared';
import { ApiError } from '../../../api/http';
import { ChoiceStep, ConfirmStep } from '../../../components/ui/ConfirmStep';
import { DateTime } from '../../../components/ui/DateTime';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { useI18n } from '../../../i18n/i18n';
import { useSplit } from '../hooks/useIncidents';
import { splitSelectionValid, withToggled } from '../triage';

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
  const toggle = (id: string, on: boolean) => setSelected((s) => withToggled(s, id, on));

  if (confirming) {
    return (
      <ConfirmStep
        id="split-confirm-text"
        message={t('triage.splitConfirm', { n: chosen.length, number: incident.number })}
        confirmLabel={t('triage.splitConfirmButton')}
        backLabel={t('triage.back')}
        pending={split.isPending}
        canConfirm={valid}
        onConfirm={() =>
          split.mutate(
            { mentionIds: chosen.map((m) => m.mentionId), ...(title.trim() ? { title: title.trim() } : {}) },
            { onSuccess: (created) => onDone(created) },
          )
        }
        onBack={() => setConfirming(false)}
      >
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
      </ConfirmStep>
    );
  }

  return (
    <ChoiceStep
      title={t('triage.splitTitle')}
      submitLabel={t('triage.splitSelected', { n: chosen.length })}
      canSubmit={valid}
      onSubmit={() => {
        split.reset();
        setConfirming(true);
      }}
      onCancel={() => onDone(null)}
    >
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
    </ChoiceStep>
  );
}
