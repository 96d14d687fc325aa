import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { CATEGORIES, type Category, type SentimentLabel, type StoryView } from '@mw/shared';
import { DataTable, type Column } from '../../../components/ui/DataTable';
import { dayBoundary, dayInvalid } from '../../../components/ui/dates';
import { DateTime } from '../../../components/ui/DateTime';
import { DayRangeFields } from '../../../components/ui/DayMonthYearField';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { FilterActions } from '../../../components/ui/FilterActions';
import { FiltersToggle } from '../../../components/ui/FiltersToggle';
import { Loading } from '../../../components/ui/Loading';
import { Pagination } from '../../../components/ui/Pagination';
import { SelectField } from '../../../components/ui/SelectField';
import { UnitSelect } from '../../../components/ui/UnitSelect';
import { useI18n } from '../../../i18n/i18n';
import { MentionItem } from '../components/MentionItem';
import { useMentions, useOutlets, useStories } from '../hooks/useMentions';

const PAGE_SIZE = 25;

/** Every filter of the page lives in the address, so a search can be shared, bookmarked or reloaded as it is. */
type Param = 'tab' | 'q' | 'unit' | 'outlet' | 'sentiment' | 'category' | 'incident' | 'from' | 'to' | 'page';
type Setter = (patch: Partial<Record<Param, string>>) => void;
/** The filters of each tab, counted on the phone's "Bộ lọc (n)" button. */
const TAB_FILTERS: Record<'mentions' | 'stories', Param[]> = {
  mentions: ['unit', 'q', 'outlet', 'sentiment', 'category', 'incident', 'from', 'to'],
  stories: ['unit'],
};

/** Search words, outlet and the dd/MM/yyyy days apply on submit; the selects at once. */
function MentionFilters({ params, set }: { params: URLSearchParams; set: Setter }) {
  const { t } = useI18n();
  const outlets = useOutlets();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [from, setFrom] = useState(params.get('from') ?? '');
  const [to, setTo] = useState(params.get('to') ?? '');
  const datesInvalid = dayInvalid(from) || dayInvalid(to);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!datesInvalid) set({ q: q.trim(), from, to, page: '' });
  };
  return (
    <form className="filters" role="search" onSubmit={submit} aria-label={t('mentions.filters')}>
      <label className="field search-field">
        <span>{t('common.search')}</span>
        <input
          type="search"
          name="q"
          value={q}
          maxLength={200}
          placeholder={t('mentions.searchHint')}
          onChange={(e) => setQ(e.target.value)}
        />
      </label>
      <SelectField
        label={t('mentions.outlet')}
        name="outlet"
        value={params.get('outlet') ?? ''}
        onChange={(outlet) => set({ outlet, page: '' })}
        emptyLabel={t('common.all')}
        options={(outlets.data ?? []).map((o) => ({ value: o.outlet, label: `${o.outlet} (${o.mentions})` }))}
      />
      <SelectField
        label={t('mentions.sentiment')}
        name="sentiment"
        value={params.get('sentiment') ?? ''}
        onChange={(sentiment) => set({ sentiment, page: '' })}
        emptyLabel={t('common.all')}
        options={(['negative', 'neutral', 'positive'] as const).map((s) => ({ value: s, label: t(`sentiment.${s}`) }))}
      />
      <SelectField
        label={t('incidents.category')}
        name="category"
        value={params.get('category') ?? ''}
        onChange={(category) => set({ category, page: '' })}
        emptyLabel={t('common.all')}
        options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={params.get('incident') === 'true'}
          onChange={(e) => set({ incident: e.target.checked ? 'true' : '', page: '' })}
        />
        <span>{t('mentions.incidentOnly')}</span>
      </label>
      <DayRangeFields from={from} to={to} onFrom={setFrom} onTo={setTo} />
      <FilterActions
        datesInvalid={datesInvalid}
        onClear={() => {
          setQ('');
          setFrom('');
          setTo('');
          set({ q: '', outlet: '', sentiment: '', category: '', incident: '', from: '', to: '', page: '' });
        }}
      />
    </form>
  );
}

function MentionsList({ params, set }: { params: URLSearchParams; set: Setter }) {
  const { t } = useI18n();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useMentions({
    q: params.get('q') || undefined,
    outlet: params.get('outlet') || undefined,
    unit: params.get('unit') || undefined,
    sentiment: (params.get('sentiment') || undefined) as SentimentLabel | undefined,
    category: (params.get('category') || undefined) as Category | undefined,
    incident: params.get('incident') === 'true' ? true : undefined,
    from: dayBoundary(params.get('from') ?? '', 'start') ?? undefined,
    to: dayBoundary(params.get('to') ?? '', 'end') ?? undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  return (
    <>
      {list.isPending && <Loading />}
      {list.isError && <ErrorMessage error={list.error} />}
      {list.data && (
        <>
          <p className="muted" data-testid="mention-total">
            {t('mentions.total', { n: list.data.total })}
          </p>
          <ul className="plain-list">
            {list.data.items.map((m) => (
              <MentionItem key={m.id} mention={m} />
            ))}
          </ul>
          <Pagination
            page={page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            onPage={(p) => set({ page: p > 1 ? String(p) : '' })}
          />
        </>
      )}
    </>
  );
}

function StoriesList({ params, set }: { params: URLSearchParams; set: Setter }) {
  const { t } = useI18n();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useStories({ unit: params.get('unit') || undefined, page, pageSize: PAGE_SIZE });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorMessage error={list.error} />;
  const columns: Column<StoryView>[] = [
    {
      key: 'title',
      header: t('stories.title'),
      phone: 'bare',
      cell: (s) => <Link to={`/stories/${s.id}`}>{s.title}</Link>,
    },
    { key: 'first', header: t('stories.firstOutlet'), cell: (s) => s.firstOutlet ?? '—' },
    {
      key: 'spread',
      header: t('stories.spread'),
      cell: (s) => t('incidents.coverageCount', { mentions: s.mentionCount, outlets: s.outlets.length }),
    },
    { key: 'firstSeen', header: t('stories.firstSeen'), cell: (s) => <DateTime value={s.firstSeenAt} /> },
    { key: 'lastSeen', header: t('stories.lastSeen'), cell: (s) => <DateTime value={s.lastSeenAt} /> },
  ];
  return (
    <>
      <p className="muted">{t('stories.total', { n: list.data.total })}</p>
      <DataTable rows={list.data.items} columns={columns} rowKey={(s) => s.id} />
      <Pagination
        page={page}
        pageSize={PAGE_SIZE}
        total={list.data.total}
        onPage={(p) => set({ page: p > 1 ? String(p) : '' })}
      />
    </>
  );
}

export function MentionsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'stories' ? 'stories' : 'mentions';
  // On a phone the filters fold away behind one button, as on the incidents page, so the first item is in view.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const set: Setter = (patch) => {
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
        <button type="button" role="tab" aria-selected={tab === 'mentions'} onClick={() => set({ tab: '', page: '' })}>
          {t('mentions.tab')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'stories'}
          onClick={() => set({ tab: 'stories', page: '' })}
        >
          {t('stories.tab')}
        </button>
      </div>
      <div className={`card list-card${filtersOpen ? ' filters-open' : ''}`} role="tabpanel">
        <FiltersToggle
          open={filtersOpen}
          onToggle={() => setFiltersOpen((open) => !open)}
          controls="mention-filters"
          active={TAB_FILTERS[tab].filter((name) => params.get(name)).length}
        />
        <div id="mention-filters" className="filters-panel">
          <div className="filters">
            <UnitSelect
              value={params.get('unit') ?? ''}
              onChange={(code) => set({ unit: code, page: '' })}
              emptyLabel={t('common.all')}
            />
          </div>
          {tab === 'mentions' && <MentionFilters key={params.get('q') ?? ''} params={params} set={set} />}
        </div>
        {tab === 'mentions' ? <MentionsList params={params} set={set} /> : <StoriesList params={params} set={set} />}
      </div>
    </section>
  );
}
