import { Link, useParams } from 'react-router-dom';
import { DateTime } from '../../../components/ui/DateTime';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { Loading } from '../../../components/ui/Loading';
import { useI18n } from '../../../i18n/i18n';
import { useStory } from '../hooks/useMentions';

/** One story: who reported it first and how it spread, hour by hour. */
export function StoryPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const story = useStory(id);
  if (story.isPending) return <Loading />;
  if (story.isError) return <ErrorMessage error={story.error} />;
  const s = story.data;
  const peak = Math.max(1, ...s.spread.map((p) => p.mentions));
  return (
    <article aria-labelledby="story-title">
      <p>
        <Link to="/mentions?tab=stories">← {t('stories.back')}</Link>
      </p>
      <section className="card">
        <h2 id="story-title">{s.title}</h2>
        <p className="muted">
          {t('stories.firstOutlet')}: {s.firstOutlet ?? '—'} · <DateTime value={s.firstSeenAt} /> →{' '}
          <DateTime value={s.lastSeenAt} />
        </p>
        <p>{s.outlets.join(', ')}</p>
      </section>
      <section className="card" aria-labelledby="spread-title">
        <h3 id="spread-title">{t('stories.spread')}</h3>
        <ul className="spread">
          {s.spread.map((p) => (
            <li key={p.at}>
              <DateTime value={p.at} />
              <span className="bar" style={{ width: `${(p.mentions / peak) * 100}%` }} aria-hidden="true" />
              <span>{p.mentions}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="story-mentions-title">
        <h3 id="story-mentions-title">{t('incident.mentions')}</h3>
        <ul className="plain-list">
          {s.mentions.map((m) => (
            <li key={m.id}>
              <a href={m.url} target="_blank" rel="noreferrer noopener">
                {m.title}
              </a>
              <div className="muted">
                {m.outlet} · <DateTime value={m.publishedAt ?? m.analysedAt} /> · {t(`sentiment.${m.sentiment.label}`)}
              </div>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
