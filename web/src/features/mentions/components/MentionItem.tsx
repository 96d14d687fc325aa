import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { MentionView } from '@mw/shared';
import { DateTime } from '../../../components/ui/DateTime';
import { useI18n } from '../../../i18n/i18n';
import { SeverityBadge } from '../../incidents/components/SeverityBadge';
import { MatchEvidence } from './MatchEvidence';

/** One mention in the list: title, outlet, time, tone, category, the units it names (if any), its story. */
export function MentionItem({ mention }: { mention: MentionView }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <li className="mention" data-mention-id={mention.id}>
      <div>
        <a href={mention.url} target="_blank" rel="noreferrer noopener">
          {mention.title}
        </a>{' '}
        {mention.incident && <SeverityBadge severity={mention.severity} />}
      </div>
      <div className="muted">
        {mention.outlet} · <DateTime value={mention.publishedAt ?? mention.analysedAt} /> ·{' '}
        <span className={`tone tone-${mention.sentiment.label}`}>{t(`sentiment.${mention.sentiment.label}`)}</span> ·{' '}
        {t(`category.${mention.category}`)} ·{' '}
        {mention.units.length > 0 && <>{mention.units.map((u) => u.name).join(', ')} · </>}
        <Link to={`/stories/${mention.storyId}`}>{t('mentions.story')}</Link>
      </div>
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {t('mentions.whyMatched')}
      </button>
      {open && <MatchEvidence mention={mention} />}
    </li>
  );
}
