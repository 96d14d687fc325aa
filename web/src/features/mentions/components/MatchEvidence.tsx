import { NO_CATEGORY, type MentionView } from '@mw/shared';
import { useI18n } from '../../../i18n/i18n';

/**
 * "Why matched": always says why the item is listed. For each unit it names, the phrase that matched, the unit, the
 * confidence and the evidence (the rule) the matcher used; an item that names no Gò Vấp unit is listed because its
 * outlet is watched, and says so. The category line says when the item is outside education.
 */
export function MatchEvidence({ mention }: { mention: MentionView }) {
  const { t } = useI18n();
  return (
    <div className="evidence">
      <p>
        <strong>{t('mentions.whyListed')}</strong>
      </p>
      {mention.units.length === 0 && (
        <p>
          {mention.listedBy?.kind === 'search' && mention.listedBy.queries.length > 0
            ? t('mentions.listedBecauseKeyword', {
                keywords: mention.listedBy.queries.map((q) => `«${q}»`).join(', '),
                source: mention.listedBy.source,
              })
            : t('mentions.listedBecauseOutlet', { outlet: mention.outlet })}
        </p>
      )}
      {mention.units.map((unit) => (
        <div key={unit.code}>
          <p>
            {unit.spans.length > 0
              ? t('mentions.listedBecauseUnit', {
                  phrase: [...new Set(unit.spans.map((s) => s.text))].map((p) => `«${p}»`).join(', '),
                  unit: unit.name,
                })
              : t('mentions.listedBecauseUnitPage', { unit: unit.name })}{' '}
            <span className="muted">{t('mentions.confidence', { value: Math.round(unit.confidence * 100) })}</span>
          </p>
          <p className="muted">{t('mentions.rule')}:</p>
          <ul>
            {unit.evidence.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </div>
      ))}
      <p className="muted">
        {mention.category === NO_CATEGORY
          ? t('mentions.notEducation')
          : t('mentions.categoryIs', { category: t(`category.${mention.category}`) })}
      </p>
      {mention.sentiment.terms.length > 0 && (
        <p className="muted">
          {t('mentions.toneTerms')}: {mention.sentiment.terms.join(', ')}
        </p>
      )}
    </div>
  );
}
