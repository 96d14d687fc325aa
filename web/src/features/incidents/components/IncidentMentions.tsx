import { useState } from 'react';
import type { IncidentMentionView } from '@mw/shared';
import { DateTime } from '../../../components/ui/DateTime';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { Loading } from '../../../components/ui/Loading';
import { useI18n } from '../../../i18n/i18n';
import { MatchEvidence } from '../../mentions/components/MatchEvidence';
import { useMention } from '../../mentions/hooks/useMentions';

function Evidence({ mentionId }: { mentionId: string }) {
  const mention = useMention(mentionId);
  if (mention.isPending) return <Loading />;
  if (mention.isError) return <ErrorMessage error={mention.error} />;
  return <MatchEvidence mention={mention.data} />;
}

function MentionRow({ mention }: { mention: IncidentMentionView }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <li className="mention">
      <div>
        {mention.url ? (
          <a href={mention.url} target="_blank" rel="noreferrer noopener">
            {mention.title}
          </a>
        ) : (
          mention.title
        )}
      </div>
      <div className="muted">
        {mention.outlet} · <DateTime value={mention.publishedAt ?? mention.attachedAt} />
        {mention.sentimentLabel && <> · {t(`sentiment.${mention.sentimentLabel}`)}</>}
      </div>
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {t('mentions.whyMatched')}
      </button>
      {open && <Evidence mentionId={mention.mentionId} />}
    </li>
  );
}

export function IncidentMentions({ mentions }: { mentions: IncidentMentionView[] }) {
  const { t } = useI18n();
  if (mentions.length === 0) return <p className="muted">{t('incident.noMentions')}</p>;
  return (
    <ul className="plain-list">
      {mentions.map((m) => (
        <MentionRow key={m.mentionId} mention={m} />
      ))}
    </ul>
  );
}
