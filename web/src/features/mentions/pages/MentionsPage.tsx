import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { CATEGORIES, type Category, type MentionView, type SentimentLabel } from '@mw/shared';
import { DateTime } from '../../../components/ui/DateTime';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { Loading } from '../../../components/ui/Loading';
import { Pagination } from '../../../components/ui/Pagination';
import { SelectField } from '../../../components/ui/SelectField';
import { UnitSelect } from '../../../components/ui/UnitSelect';
import { SeverityBadge } from '../../incidents/components/SeverityBadge';
import { useI18n } from '../../../i18n/i18n';
import { MatchEvidence } from '../components/MatchEvidence';
import { useMentions, useStories } from '../hooks/useMentions';

const PAGE_SIZE = 25;

function MentionItem({ mention }: { mention: MentionView }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <li className="mention">
      <div>
        <a href={mention.url} target="_blank" rel="noreferrer noopener">
          {mention.title}
        </a>{' '}
        {mention.incident && <SeverityBadge severity={mention.severity} />}
      </div>
      <div className="muted">
        {mention.outlet} · <DateTime value={mention.publishedAt ?? mention.analysedAt} /> ·{' '}
        <span className={`tone tone-${mention.sentiment.label}`}>{t(`sentiment.${mention.sentiment.label}`)}</span> ·{' '}
        {t(`category.${mention.category}`)} · {mention.units.map((u) => u.name).join(', ')} ·{' '}
        <Link to={`/stories/${mention.storyId}`}>{t('mentions.story')}</Link>
      </div>
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {t('mentions.whyMatched')}
      </button>
      {open && <MatchEvidence mention={mention} />}
    </li>
  );
}

function MentionsList({ unit }: { unit: string }) {
  const { t } = useI18n();
  const [sentiment, setSentiment] = useState('');
  const [category, setCategory] = useState('');
  const [incidentOnly, setIncidentOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useMentions({
    unit: unit || undefined,
    sentiment: (sentiment || undefined) as SentimentLabel | undefined,
    category: (category || undefined) as Category | undefined,
    incident: incidentOnly ? true : undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  return (
    <>
      <div className="filters">
        <SelectField
          label={t('mentions.sentiment')}
          value={sentiment}
          onChange={(v) => (setSentiment(v), setPage(1))}
          emptyLabel={t('common.all')}
          options={(['negative', 'neutral', 'positive'] as const).map((s) => ({
            value: s,
            label: t(`sentiment.${s}`),
          }))}
        />
        <SelectField
          label={t('incidents.category')}
          value={category}
          onChange={(v) => (setCategory(v), setPage(1))}
          emptyLabel={t('common.all')}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={incidentOnly}
            onChange={(e) => (setIncidentOnly(e.target.checked), setPage(1))}
          />
          <span>{t('mentions.incidentOnly')}</span>
        </label>
      </div>
      {list.isPending && <Loading />}
      {list.isError && <ErrorMessage error={list.error} />}
      {list.data && (
        <>
          <p className="muted">{t('mentions.total', { n: list.data.total })}</p>
          <ul className="plain-list">
            {list.data.items.map((m) => (
              <MentionItem key={m.id} mention={m} />
            ))}
          </ul>
          <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
        </>
      )}
    </>
  );
}

function StoriesList({ unit }: { unit: string }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const list = useStories({ unit: unit || undefined, page, pageSize: PAGE_SIZE });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorMessage error={list.error} />;
  return (
    <>
      <p className="muted">{t('stories.total', { n: list.data.total })}</p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('stories.title')}</th>
              <th scope="col">{t('stories.firstOutlet')}</th>
              <th scope="col">{t('stories.spread')}</th>
              <th scope="col">{t('stories.firstSeen')}</th>
              <th scope="col">{t('stories.lastSeen')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/stories/${s.id}`}>{s.title}</Link>
                </td>
                <td>{s.firstOutlet ?? '—'}</td>
                <td>{t('incidents.coverageCount', { mentions: s.mentionCount, outlets: s.outlets.length })}</td>
                <td>
                  <DateTime value={s.firstSeenAt} />
                </td>
                <td>
                  <DateTime value={s.lastSeenAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
    </>
  );
}

export function MentionsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'stories' ? 'stories' : 'mentions';
  const unit = params.get('unit') ?? '';
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v) next.set(k, v);
      else next.delete(k);
    setParams(next);
  };
  return (
    <section aria-labelledby="mentions-heading">
      <h2 id="mentions-heading">{t('mentions.heading')}</h2>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'mentions'} onClick={() => set({ tab: '' })}>
          {t('mentions.tab')}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'stories'} onClick={() => set({ tab: 'stories' })}>
          {t('stories.tab')}
        </button>
      </div>
      <div className="card" role="tabpanel">
        <div className="filters">
          <UnitSelect value={unit} onChange={(code) => set({ unit: code })} emptyLabel={t('common.all')} />
        </div>
        {tab === 'mentions' ? <MentionsList unit={unit} /> : <StoriesList unit={unit} />}
      </div>
    </section>
  );
}
