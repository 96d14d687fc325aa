import { useState } from 'react';
import type { IncidentCommentView } from '@mw/shared';
import { DateTime } from '../../../components/ui/DateTime';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { useI18n } from '../../../i18n/i18n';
import { useAddComment } from '../hooks/useIncidents';

export function IncidentComments({ incidentId, comments }: { incidentId: string; comments: IncidentCommentView[] }) {
  const { t } = useI18n();
  const add = useAddComment(incidentId);
  const [body, setBody] = useState('');
  return (
    <div>
      {comments.length === 0 && <p className="muted">{t('common.none')}</p>}
      <ul className="plain-list">
        {comments.map((c) => (
          <li key={c.id} className="comment">
            <div className="muted">
              <strong>{c.authorName}</strong> · <DateTime value={c.at} />
            </div>
            <p>{c.body}</p>
          </li>
        ))}
      </ul>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(body.trim(), { onSuccess: () => setBody('') });
        }}
      >
        <label className="field">
          <span>{t('incident.newComment')}</span>
          <textarea rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
        </label>
        {add.isError && <ErrorMessage error={add.error} />}
        <div>
          <button type="submit" disabled={!body.trim() || add.isPending}>
            {t('incident.addComment')}
          </button>
        </div>
      </form>
    </div>
  );
}
