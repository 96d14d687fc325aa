import { useState, type FormEvent } from 'react';
import type { EscalationSettingsView, UpdateEscalationSettingsRequest } from '@mw/shared';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { CheckboxField } from '../../../components/ui/CheckboxField';
import { FieldError, serverFieldError } from '../../../components/ui/FieldError';
import { SaveActions, useResetWhenEdited } from '../../../components/ui/SaveActions';
import { TimeField } from '../../../components/ui/TimeField';
import { useI18n, type MessageKey } from '../../../i18n/i18n';
import { useUpdateEscalationSettings } from '../hooks/useEscalation';

const FIELDS = ['workingDays', 'workdayStart', 'workdayEnd', 'quietHours'] as const;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const LABELS = {
  workingDays: 'escalationAdmin.workingDays',
  workdayStart: 'escalationAdmin.workingHours',
  workdayEnd: 'escalationAdmin.workingHours',
  quietHours: 'escalationAdmin.quietHours',
} as const satisfies Record<(typeof FIELDS)[number], MessageKey>;

/**
 * The office calendar escalation follows. Nothing is checked here beyond what the inputs allow: the server refuses
 * an empty week or a time that is not HH:mm, and its 400 is shown under that part of the form.
 */
export function EscalationSettingsForm({ settings, canEdit }: { settings: EscalationSettingsView; canEdit: boolean }) {
  const { t } = useI18n();
  const update = useUpdateEscalationSettings();
  const [days, setDays] = useState<number[]>(settings.workingDays);
  const [workdayStart, setWorkdayStart] = useState(settings.workdayStart);
  const [workdayEnd, setWorkdayEnd] = useState(settings.workdayEnd);
  const [quiet, setQuiet] = useState(settings.quietHours !== null);
  const [quietStart, setQuietStart] = useState(settings.quietHours?.start ?? '21:00');
  const [quietEnd, setQuietEnd] = useState(settings.quietHours?.end ?? '06:30');
  const server = serverFieldError(update.error, FIELDS);
  useResetWhenEdited([days, workdayStart, workdayEnd, quiet, quietStart, quietEnd], update);
  const errorFor = (field: (typeof FIELDS)[number]) =>
    server?.field === field ? (
      <FieldError
        id={`escalation-${field}-error`}
        field={field}
        messageKey="form.invalid"
        detail={server.detail}
        failure={server.failure}
        label={t(LABELS[field])}
      />
    ) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: UpdateEscalationSettingsRequest = {
      workingDays: [...days].sort((a, b) => a - b),
      workdayStart,
      workdayEnd,
      quietHours: quiet ? { start: quietStart, end: quietEnd } : null,
    };
    update.mutate(body);
  };
  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="escalation-settings-title">
      <h3 id="escalation-settings-title">{t('escalationAdmin.settings')}</h3>
      <p className="muted small">{t('escalationAdmin.timezone', { tz: settings.timezone })}</p>
      <fieldset disabled={!canEdit} aria-invalid={server?.field === 'workingDays'}>
        <legend>{t('escalationAdmin.workingDays')}</legend>
        {WEEKDAYS.map((d) => (
          <CheckboxField
            key={d}
            name={`weekday-${d}`}
            checked={days.includes(d)}
            onChange={(on) => setDays((ds) => (on ? [...ds, d] : ds.filter((x) => x !== d)))}
          >
            {t(`weekday.${d}`)}
          </CheckboxField>
        ))}
        {errorFor('workingDays')}
      </fieldset>
      <fieldset disabled={!canEdit}>
        <legend>{t('escalationAdmin.workingHours')}</legend>
        <TimeField
          label={t('common.from')}
          name="workdayStart"
          value={workdayStart}
          invalid={server?.field === 'workdayStart'}
          onChange={setWorkdayStart}
        />{' '}
        <TimeField
          label={t('common.to')}
          name="workdayEnd"
          value={workdayEnd}
          invalid={server?.field === 'workdayEnd'}
          onChange={setWorkdayEnd}
        />
        {errorFor('workdayStart')}
        {errorFor('workdayEnd')}
      </fieldset>
      <fieldset disabled={!canEdit}>
        <legend>{t('escalationAdmin.quietHours')}</legend>
        <CheckboxField name="quiet" checked={quiet} onChange={setQuiet}>
          {t('escalationAdmin.quietEnabled')}
        </CheckboxField>{' '}
        <TimeField
          label={t('common.from')}
          name="quietStart"
          value={quietStart}
          disabled={!quiet}
          onChange={setQuietStart}
        />{' '}
        <TimeField label={t('common.to')} name="quietEnd" value={quietEnd} disabled={!quiet} onChange={setQuietEnd} />
        <p className="muted small">{t('escalationAdmin.quietHint')}</p>
        {errorFor('quietHours')}
      </fieldset>
      {update.isError && !server && <ErrorMessage error={update.error} />}
      {canEdit && <SaveActions pending={update.isPending} saved={update.isSuccess} />}
    </form>
  );
}
