import { useState } from 'react';
import type { IncidentAssigneeView, IncidentTaskView } from '@mw/shared';
import { dayBoundary, dayInvalid } from '../../../components/ui/dates';
import { DateTime } from '../../../components/ui/DateTime';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { useI18n } from '../../../i18n/i18n';
import { useAddTask, useCompleteTask } from '../hooks/useIncidents';

export function IncidentTasks({
  incidentId,
  tasks,
  assignees,
}: {
  incidentId: string;
  tasks: IncidentTaskView[];
  assignees: IncidentAssigneeView[];
}) {
  const { t } = useI18n();
  const add = useAddTask(incidentId);
  const complete = useCompleteTask(incidentId);
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [due, setDue] = useState('');
  const dueInvalid = dayInvalid(due);
  const now = Date.now();
  return (
    <div>
      {tasks.length === 0 && <p className="muted">{t('common.none')}</p>}
      <ul className="plain-list">
        {tasks.map((task) => (
          <li key={task.id} className={task.doneAt ? 'done' : ''}>
            <strong>{task.title}</strong> · {task.ownerName}
            {task.dueAt && (
              <span className={!task.doneAt && Date.parse(task.dueAt) < now ? 'error' : 'muted'}>
                {' '}
                · {t('incident.taskDue')} <DateTime value={task.dueAt} />
              </span>
            )}
            {task.doneAt ? (
              <span className="muted">
                {' '}
                · {t('incident.taskDone')} <DateTime value={task.doneAt} />
              </span>
            ) : (
              <button
                type="button"
                className="link"
                disabled={complete.isPending}
                onClick={() => complete.mutate(task.id)}
              >
                {t('incident.markDone')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {complete.isError && <ErrorMessage error={complete.error} />}
      <form
        className="form grid-3"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(
            { title: title.trim(), ownerId, dueAt: dayBoundary(due, 'end') ?? undefined },
            {
              onSuccess: () => {
                setTitle('');
                setDue('');
              },
            },
          );
        }}
      >
        <label className="field">
          <span>{t('incident.taskTitle')}</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('incident.taskOwner')}</span>
          <select value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <option value="">{t('common.choose')}</option>
            {assignees.map((a) => (
              <option key={a.personId} value={a.personId}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('incident.taskDue')}</span>
          <input
            value={due}
            placeholder={t('common.datePlaceholder')}
            aria-invalid={dueInvalid}
            onChange={(e) => setDue(e.target.value)}
          />
        </label>
        {add.isError && <ErrorMessage error={add.error} />}
        <div>
          <button type="submit" disabled={!title.trim() || !ownerId || dueInvalid || add.isPending}>
            {t('incident.addTask')}
          </button>
        </div>
      </form>
    </div>
  );
}
