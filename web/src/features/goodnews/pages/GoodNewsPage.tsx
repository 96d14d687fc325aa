import { useState } from 'react';
import { GOOD_NEWS_STATUSES, type GoodNewsStatus } from '@mw/shared';
import { DateTime } from '../../../components/ui/DateTime';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { Loading } from '../../../components/ui/Loading';
import { Pagination } from '../../../components/ui/Pagination';
import { useI18n } from '../../../i18n/i18n';
import { useGoodNews, useGoodNewsAction } from '../hooks/useGoodNews';

const STATUSES = GOOD_NEWS_STATUSES;
const PAGE_SIZE = 25;

/** Positive stories about units: share them on the school's channels or propose them for commendation. */
export function GoodNewsPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<GoodNewsStatus>('new');
  const [page, setPage] = useState(1);
  const list = useGoodNews(status, page);
  const act = useGoodNewsAction();
  return (
    <section aria-labelledby="good-news-title">
      <h2 id="good-news-title">{t('goodNews.heading')}</h2>
      <div className="tabs" role="tablist">
        {STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={status === s}
            onClick={() => {
              setStatus(s);
              setPage(1);
            }}
          >
            {t(`goodNewsStatus.${s}`)}
          </button>
        ))}
      </div>
      <div className="card" role="tabpanel">
        {list.isPending && <Loading />}
        {list.isError && <ErrorMessage error={list.error} />}
        {act.isError && <ErrorMessage error={act.error} />}
        {list.data && list.data.items.length === 0 && <p className="muted">{t('goodNews.empty')}</p>}
        <ul className="plain-list">
          {list.data?.items.map((item) => (
            <li key={item.id} className="mention">
              <div>
                {item.url ? (
                  <a href={item.url} target="_blank" rel="noreferrer noopener">
                    {item.title}
                  </a>
                ) : (
                  item.title
                )}
              </div>
              <div className="muted">
                {item.outlet} · <DateTime value={item.publishedAt ?? item.createdAt} /> ·{' '}
                {item.units.map((u) => u.name).join(', ')}
                {item.category && <> · {t(`category.${item.category}`)}</>}
              </div>
              {item.note && <p className="small">{item.note}</p>}
              {item.status === 'new' && (
                <div className="actions">
                  <button
                    type="button"
                    disabled={act.isPending}
                    onClick={() => act.mutate({ id: item.id, action: 'share' })}
                  >
                    {t('goodNews.share')}
                  </button>
                  <button
                    type="button"
                    disabled={act.isPending}
                    onClick={() => act.mutate({ id: item.id, action: 'propose' })}
                  >
                    {t('goodNews.propose')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
        {list.data && <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />}
      </div>
    </section>
  );
}
