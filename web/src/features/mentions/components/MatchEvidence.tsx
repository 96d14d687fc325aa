import type { MentionView } from '@mw/shared';
import { useI18n } from '../../../i18n/i18n';

/** "Why matched": for each unit, the confidence and the evidence the matcher used, with the matched text. */
export function MatchEvidence({ mention }: { mention: MentionView }) {
  const { t } = useI18n();
  return (
    <div className="evidence">
      {mention.units.map((unit) => (
        <div key={unit.code}>
          <strong>{unit.name}</strong>{' '}
          <span className="muted">{t('mentions.confidence', { value: Math.round(unit.confidence * 100) })}</span>
          <ul>
            {unit.evidence.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
            {unit.spans.length > 0 && (
              <li>
                {t('mentions.matchedText')}: {unit.spans.map((s) => `«${s.text}»`).join(', ')}
              </li>
            )}
          </ul>
        </div>
      ))}
      {mention.sentiment.terms.length > 0 && (
        <p className="muted">
          {t('mentions.toneTerms')}: {mention.sentiment.terms.join(', ')}
        </p>
      )}
    </div>
  );
}
