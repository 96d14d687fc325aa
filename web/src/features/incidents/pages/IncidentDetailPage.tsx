import { Link, useParams } from 'react-router-dom';
import { Countdown } from '../../../components/ui/Countdown';
import { DateTime } from '../../../components/ui/DateTime';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { Loading } from '../../../components/ui/Loading';
import { SeverityBadge } from '../components/SeverityBadge';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/hooks/useAuth';
import { canApprove } from '../../auth/roles';
import { IncidentActions } from '../components/IncidentActions';
import { IncidentComments } from '../components/IncidentComments';
import { IncidentDeliveries } from '../components/IncidentDeliveries';
import { IncidentMentions } from '../components/IncidentMentions';
import { IncidentResponses } from '../components/IncidentResponses';
import { IncidentTasks } from '../components/IncidentTasks';
import { IncidentTimeline } from '../components/IncidentTimeline';
import { IncidentTriage } from '../components/IncidentTriage';
import { StatusBadge } from '../components/StatusBadge';
import { useIncident } from '../hooks/useIncidents';
import { assigneeReasonText, severityReasonText } from '../coded-text';

export function IncidentDetailPage() {
  const { t, language } = useI18n();
  const { id = '' } = useParams();
  const me = useMe();
  const query = useIncident(id);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} />;
  const incident = query.data;
  return (
    <article aria-labelledby="incident-title" className="incident-detail">
      <p>
        <Link to="/incidents">← {t('incidents.back')}</Link>
      </p>
      <header className="card">
        <h2 id="incident-title">
          {incident.number ? <span className="muted">#{incident.number} </span> : null}
          {incident.title}
        </h2>
        <div className="badges">
          <SeverityBadge severity={incident.severity} />
          <StatusBadge status={incident.status} />
          {incident.category && <span className="tag">{t(`category.${incident.category}`)}</span>}
          {/* The server's record of a level above the handlers actually told, not the chain's level. */}
          {incident.escalatedLevel !== null && (
            <span className="tag tag-warn" data-testid="escalated-badge">
              {t('incident.escalationLevel', { level: incident.escalatedLevel })}
            </span>
          )}
        </div>
        <dl>
          <dt>{t('incidents.units')}</dt>
          <dd>{incident.units.map((u) => u.name).join(', ') || '—'}</dd>
          <dt>{t('incidents.openedAt')}</dt>
          <dd>
            <DateTime value={incident.openedAt} />
          </dd>
          <dt>{t('incident.ackDue')}</dt>
          <dd>
            <DateTime value={incident.ackDueAt} relative={false} />{' '}
            <Countdown deadline={incident.ackDueAt} done={incident.status !== 'new'} />
            {incident.acknowledgedAt && (
              <span className="muted">
                {' '}
                · {t('incident.acknowledgedAt')} <DateTime value={incident.acknowledgedAt} />
              </span>
            )}
          </dd>
          <dt>{t('incident.respondDue')}</dt>
          <dd>
            <DateTime value={incident.respondDueAt} relative={false} />{' '}
            <Countdown
              deadline={incident.respondDueAt}
              done={['responded', 'resolved', 'dismissed'].includes(incident.status)}
            />
          </dd>
          <dt>{t('incidents.coverage')}</dt>
          <dd>
            {t('incidents.coverageCount', { mentions: incident.mentionCount, outlets: incident.outletCount })}
            {incident.outlets?.length > 0 && <span className="muted"> ({incident.outlets.join(', ')})</span>}
          </dd>
          {incident.sourceUrl && (
            <>
              <dt>{t('incidents.sourceUrl')}</dt>
              <dd>
                <a href={incident.sourceUrl} target="_blank" rel="noreferrer noopener">
                  {incident.sourceUrl}
                </a>
              </dd>
            </>
          )}
        </dl>
        {incident.description && <p>{incident.description}</p>}
        {incident.mergedInto && (
          <p className="notice" data-merged-into={incident.mergedInto}>
            {t('triage.mergedInto')} <Link to={`/incidents/${incident.mergedInto}`}>{t('triage.openMergedInto')}</Link>
          </p>
        )}
      </header>
      {/* On a phone the actions stay pinned to the bottom of the screen while the ticket waits for acknowledgement. */}
      <div className={`action-bar${incident.status === 'new' ? ' pinned' : ''}`}>
        <IncidentActions incident={incident} />
      </div>
      <IncidentTriage key={incident.id} incident={incident} />

      <div className="detail-grid">
        <div>
          <section className="card" aria-labelledby="reasons-title">
            <h3 id="reasons-title">{t('incident.severityReasons')}</h3>
            {incident.severityManual && <p className="muted">{t('incident.severityManual')}</p>}
            <ul data-testid="severity-reasons">
              {incident.severityReasonDetails.map((r, i) => (
                <li key={i} data-code={r.code}>
                  {severityReasonText(r, t, language)}
                </li>
              ))}
            </ul>
          </section>
          <section className="card" aria-labelledby="mentions-title">
            <h3 id="mentions-title">{t('incident.mentions')}</h3>
            <IncidentMentions mentions={incident.mentions} />
          </section>
          <section className="card" aria-labelledby="responses-title">
            <h3 id="responses-title">{t('incident.responses')}</h3>
            <IncidentResponses
              incidentId={incident.id}
              responses={incident.responses}
              canApprove={canApprove(me.data)}
            />
          </section>
          <section className="card" aria-labelledby="comments-title">
            <h3 id="comments-title">{t('incident.comments')}</h3>
            <IncidentComments incidentId={incident.id} comments={incident.comments} />
          </section>
        </div>
        <div>
          <section className="card" aria-labelledby="assignees-title">
            <h3 id="assignees-title">{t('incident.assignees')}</h3>
            {incident.assignees.length === 0 && <p className="muted">{t('common.none')}</p>}
            <ul className="plain-list">
              {incident.assignees.map((a) => (
                <li key={a.personId}>
                  <strong>{a.name}</strong>{' '}
                  <span className="muted">· {assigneeReasonText(a.reason, incident.units, t)}</span>
                </li>
              ))}
            </ul>
          </section>
          <section className="card" aria-labelledby="tasks-title">
            <h3 id="tasks-title">{t('incident.tasks')}</h3>
            <IncidentTasks incidentId={incident.id} tasks={incident.tasks} assignees={incident.assignees} />
          </section>
          <section className="card" aria-labelledby="deliveries-title">
            <h3 id="deliveries-title">{t('incident.deliveries')}</h3>
            <IncidentDeliveries deliveries={incident.deliveries} />
          </section>
          <section className="card" aria-labelledby="timeline-title">
            <h3 id="timeline-title">{t('incident.timeline')}</h3>
            <IncidentTimeline entries={incident.timeline} />
          </section>
        </div>
      </div>
    </article>
  );
}
