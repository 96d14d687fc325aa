import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { IncidentDetail } from '@mw/shared';
import { useI18n, type MessageKey } from '../../../i18n/i18n';
import { useMe } from '../../auth/hooks/useAuth';
import { canMerge, canReassign, canSplit } from '../triage';
import { MergePanel } from './MergePanel';
import { ReassignPanel } from './ReassignPanel';
import { SplitPanel } from './SplitPanel';

type Panel = 'reassign' | 'merge' | 'split';

const BUTTON: Record<Panel, MessageKey> = {
  reassign: 'triage.reassign',
  merge: 'triage.merge',
  split: 'triage.split',
};

/**
 * Triage of a ticket by the spokespersons: who handles it, folding duplicates in, moving unrelated coverage out.
 * Only the actions the server allows this person are offered; nothing renders when there are none.
 */
export function IncidentTriage({ incident }: { incident: IncidentDetail }) {
  const { t } = useI18n();
  const me = useMe();
  const [open, setOpen] = useState<Panel | null>(null);
  const [notice, setNotice] = useState<ReactNode>(null);
  const allowed: Panel[] = [];
  if (canReassign(me.data, incident)) allowed.push('reassign');
  if (canMerge(me.data, incident)) allowed.push('merge');
  if (canSplit(me.data, incident)) allowed.push('split');
  if (allowed.length === 0 && !notice) return null;
  const close = (message: ReactNode) => {
    setOpen(null);
    setNotice(message);
  };
  const toggle = (panel: Panel) => {
    setNotice(null);
    setOpen((current) => (current === panel ? null : panel));
  };

  return (
    <section className="card triage" aria-labelledby="triage-title">
      <h3 id="triage-title">{t('triage.title')}</h3>
      <div className="actions" role="group" aria-label={t('triage.title')}>
        {allowed.map((panel) => (
          <button
            key={panel}
            type="button"
            aria-expanded={open === panel}
            data-triage={panel}
            onClick={() => toggle(panel)}
          >
            {t(BUTTON[panel])}
          </button>
        ))}
      </div>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {open === 'reassign' && (
        <ReassignPanel incident={incident} onDone={(saved) => close(saved ? t('triage.assigneesSaved') : null)} />
      )}
      {open === 'merge' && (
        <MergePanel incident={incident} onDone={(n) => close(n > 0 ? t('triage.merged', { n }) : null)} />
      )}
      {open === 'split' && (
        <SplitPanel
          incident={incident}
          onDone={(created) =>
            close(
              created ? (
                <>
                  {t('triage.splitDone', { number: created.number })}{' '}
                  <Link to={`/incidents/${created.id}`}>{t('triage.openNew')}</Link>
                </>
              ) : null,
            )
          }
        />
      )}
    </section>
  );
}
