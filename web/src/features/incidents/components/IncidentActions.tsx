import { useState } from 'react';
import type { IncidentDetail, IncidentStatus } from '@mw/shared';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { useI18n } from '../../../i18n/i18n';
import { useAcknowledge, useProposeDismissal, useTransition } from '../hooks/useIncidents';

/**
 * Statuses a ticket offers besides the allowed moves the server lists: acknowledging has its own endpoint (open to
 * every role, so its button follows the status), and `responded` is reached by publishing an approved response.
 */
const OWN_FLOW: readonly IncidentStatus[] = ['acknowledged', 'responded'];

/**
 * Acknowledge and the status moves the server allows this person (`allowedTransitions`); dismissing asks why, since
 * the reason corrects the analysis labels.
 */
export function IncidentActions({ incident }: { incident: IncidentDetail }) {
  const { t } = useI18n();
  const acknowledge = useAcknowledge(incident.id);
  const transition = useTransition(incident.id);
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const propose = useProposeDismissal(incident.id);
  const [proposing, setProposing] = useState(false);
  const [proposal, setProposal] = useState('');
  const moves = incident.allowedTransitions.filter((to) => !OWN_FLOW.includes(to));
  const busy = acknowledge.isPending || transition.isPending;
  const go = (to: IncidentStatus) => {
    if (to === 'dismissed') setDismissing(true);
    else transition.mutate({ to });
  };
  return (
    <div className="actions" role="group" aria-label={t('incident.actions')}>
      {incident.status === 'new' && (
        <button type="button" className="primary" disabled={busy} onClick={() => acknowledge.mutate()}>
          {t('incident.acknowledge')}
        </button>
      )}
      {moves.map((to) => (
        <button key={to} type="button" disabled={busy} onClick={() => go(to)} data-transition={to}>
          {t(`transition.${to}`)}
        </button>
      ))}
      {incident.mayProposeDismissal && !proposing && (
        <button type="button" disabled={busy} onClick={() => setProposing(true)} data-propose-dismissal>
          {t('incident.proposeDismissal')}
        </button>
      )}
      {proposing && (
        <form
          className="inline-form"
          aria-label={t('incident.proposeDismissal')}
          onSubmit={(e) => {
            e.preventDefault();
            propose.mutate(proposal.trim(), {
              onSuccess: () => {
                setProposing(false);
                setProposal('');
              },
            });
          }}
        >
          <p className="muted small">{t('incident.proposeDismissalHint')}</p>
          <label className="field">
            <span>{t('incident.proposeDismissalReason')}</span>
            <input value={proposal} onChange={(e) => setProposal(e.target.value)} minLength={3} required />
          </label>
          <button type="submit" disabled={proposal.trim().length < 3 || propose.isPending}>
            {t('incident.proposeDismissalSend')}
          </button>
          <button type="button" onClick={() => setProposing(false)}>
            {t('common.cancel')}
          </button>
        </form>
      )}
      {propose.isSuccess && !proposing && (
        <p role="status" className="status-up">
          {t('incident.proposeDismissalSent')}
        </p>
      )}
      {propose.isError && <ErrorMessage error={propose.error} />}
      {dismissing && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            transition.mutate({ to: 'dismissed', reason: reason.trim() }, { onSuccess: () => setDismissing(false) });
          }}
        >
          <label className="field">
            <span>{t('incident.dismissReason')}</span>
            <input value={reason} onChange={(e) => setReason(e.target.value)} required />
          </label>
          <button type="submit" disabled={!reason.trim() || busy}>
            {t('transition.dismissed')}
          </button>
          <button type="button" onClick={() => setDismissing(false)}>
            {t('common.cancel')}
          </button>
        </form>
      )}
      {acknowledge.isError && <ErrorMessage error={acknowledge.error} />}
      {transition.isError && <ErrorMessage error={transition.error} />}
    </div>
  );
}
