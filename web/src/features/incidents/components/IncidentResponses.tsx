import { useState } from 'react';
import { RESPONSE_TEMPLATES, type IncidentResponseView, type ResponseTemplate } from '@mw/shared';
import { DateTime } from '../../../components/ui/DateTime';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { useI18n } from '../../../i18n/i18n';
import { useDraftResponse, useResponseAction } from '../hooks/useIncidents';

function ResponseCard({
  incidentId,
  response,
  canApprove,
}: {
  incidentId: string;
  response: IncidentResponseView;
  canApprove: boolean;
}) {
  const { t } = useI18n();
  const act = useResponseAction(incidentId);
  const [reason, setReason] = useState('');
  const [url, setUrl] = useState('');
  const run = (action: Parameters<typeof act.mutate>[0]['action']) => act.mutate({ responseId: response.id, action });
  return (
    <article className="response" data-response-status={response.status}>
      <header>
        <strong>{response.title || t(`template.${response.template}`)}</strong>{' '}
        <span className="status-pill">{t(`responseStatus.${response.status}`)}</span>{' '}
        <span className="muted">
          <DateTime value={response.createdAt} />
        </span>
      </header>
      <pre className="response-body">{response.body}</pre>
      {response.sentBackReason && (
        <p className="error">
          {t('response.sentBackReason')}: {response.sentBackReason}
        </p>
      )}
      {response.publishedUrl && (
        <p>
          {t('response.publishedAt')} <DateTime value={response.publishedAt} />:{' '}
          <a href={response.publishedUrl} target="_blank" rel="noreferrer noopener">
            {response.publishedUrl}
          </a>
        </p>
      )}
      <div className="actions">
        {(response.status === 'draft' || response.status === 'sent_back') && (
          <button type="button" disabled={act.isPending} onClick={() => run({ kind: 'submit' })}>
            {t('response.submit')}
          </button>
        )}
        {response.status === 'awaiting_approval' && canApprove && (
          <>
            <button type="button" className="primary" disabled={act.isPending} onClick={() => run({ kind: 'approve' })}>
              {t('response.approve')}
            </button>
            <label className="inline-field">
              <span>{t('response.sentBackReason')}</span>
              <input value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
            <button
              type="button"
              disabled={act.isPending || !reason.trim()}
              onClick={() => run({ kind: 'send-back', reason: reason.trim() })}
            >
              {t('response.sendBack')}
            </button>
          </>
        )}
        {response.status === 'approved' && (
          <>
            <label className="inline-field">
              <span>{t('response.publishedUrl')}</span>
              <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} />
            </label>
            <button
              type="button"
              className="primary"
              disabled={act.isPending || !url.trim()}
              onClick={() => run({ kind: 'publish', url: url.trim() })}
            >
              {t('response.publish')}
            </button>
          </>
        )}
      </div>
      {act.isError && <ErrorMessage error={act.error} />}
    </article>
  );
}

/** Drafting from a template, the leader's approval or sending back, then marking as published with its link. */
export function IncidentResponses({
  incidentId,
  responses,
  canApprove,
}: {
  incidentId: string;
  responses: IncidentResponseView[];
  canApprove: boolean;
}) {
  const { t } = useI18n();
  const draft = useDraftResponse(incidentId);
  const [template, setTemplate] = useState<ResponseTemplate>('holding_statement');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [submit, setSubmit] = useState(false);
  return (
    <div>
      {responses.length === 0 && <p className="muted">{t('common.none')}</p>}
      {responses.map((r) => (
        <ResponseCard key={r.id} incidentId={incidentId} response={r} canApprove={canApprove} />
      ))}
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          draft.mutate(
            { template, title: title.trim() || undefined, body: body.trim() || undefined, submit },
            {
              onSuccess: () => {
                setTitle('');
                setBody('');
              },
            },
          );
        }}
      >
        <h4>{t('response.new')}</h4>
        <label className="field">
          <span>{t('response.template')}</span>
          <select value={template} onChange={(e) => setTemplate(e.target.value as ResponseTemplate)}>
            {RESPONSE_TEMPLATES.map((tpl) => (
              <option key={tpl} value={tpl}>
                {t(`template.${tpl}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('response.title')}</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('response.body')}</span>
          <textarea
            rows={4}
            value={body}
            placeholder={t('response.bodyHint')}
            onChange={(e) => setBody(e.target.value)}
          />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={submit} onChange={(e) => setSubmit(e.target.checked)} />
          <span>{t('response.submitNow')}</span>
        </label>
        {draft.isError && <ErrorMessage error={draft.error} />}
        <div>
          <button type="submit" disabled={draft.isPending || (template === 'free' && !body.trim())}>
            {t('response.draft')}
          </button>
        </div>
      </form>
    </div>
  );
}
