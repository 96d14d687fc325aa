import type { TimelineEntryView } from '@mw/shared';
import { DateTime } from '../../../components/ui/DateTime';
import { useI18n } from '../../../i18n/i18n';
import { timelineText } from '../coded-text';

export function IncidentTimeline({ entries }: { entries: TimelineEntryView[] }) {
  const { t, language } = useI18n();
  if (entries.length === 0) return <p className="muted">{t('common.none')}</p>;
  return (
    <ol className="timeline">
      {entries.map((e) => {
        const text = timelineText(e, t, language);
        return (
          <li key={e.id} data-kind={e.kind} data-code={e.code}>
            <DateTime value={e.at} /> · <strong>{t(`timeline.${e.kind}`)}</strong>
            {e.actorName ? (
              <span className="muted"> · {e.actorName}</span>
            ) : (
              <span className="muted"> · {t('timeline.system')}</span>
            )}
            {text && <div>{text}</div>}
          </li>
        );
      })}
    </ol>
  );
}
