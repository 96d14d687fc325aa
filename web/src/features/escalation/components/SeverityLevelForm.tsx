import { useState, type FormEvent } from 'react';
import { readableTextOn } from '../../incidents/components/SeverityBadge';
import type { SeverityLevelView, UpdateSeverityLevelRequest } from '@mw/shared';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { CheckboxField } from '../../../components/ui/CheckboxField';
import { serverFieldError, useLabelledFields } from '../../../components/ui/FieldError';
import { SaveActions, useResetWhenEdited } from '../../../components/ui/SaveActions';
import { useI18n, type MessageKey } from '../../../i18n/i18n';
import { useUpdateSeverityLevel } from '../hooks/useEscalation';

const FIELDS = [
  'nameVi',
  'nameEn',
  'colour',
  'ackMinutes',
  'respondMinutes',
  'escalateEveryMinutes',
  'workingDaysOnly',
  'ignoresQuietHours',
] as const;
type Field = (typeof FIELDS)[number];
type TextField = 'nameVi' | 'nameEn' | 'colour' | 'ackMinutes' | 'respondMinutes' | 'escalateEveryMinutes';

type Draft = Record<TextField, string> & { workingDaysOnly: boolean; ignoresQuietHours: boolean };

function draftOf(level: SeverityLevelView): Draft {
  return {
    nameVi: level.nameVi,
    nameEn: level.nameEn,
    colour: level.colour,
    ackMinutes: level.ackMinutes === null ? '' : String(level.ackMinutes),
    respondMinutes: level.respondMinutes === null ? '' : String(level.respondMinutes),
    escalateEveryMinutes: String(level.escalateEveryMinutes),
    workingDaysOnly: level.workingDaysOnly,
    ignoresQuietHours: level.ignoresQuietHours,
  };
}

const WHOLE = /^\d+$/;

/**
 * One severity level's names, colour and deadlines. Only the shape of numbers is checked here; the server's limits
 * (at least one minute, at most 30 days…) come back as a 400 shown under the field it names.
 */
export function SeverityLevelForm({ level, canEdit }: { level: SeverityLevelView; canEdit: boolean }) {
  const { t } = useI18n();
  const update = useUpdateSeverityLevel();
  const [draft, setDraft] = useState<Draft>(() => draftOf(level));
  const [local, setLocal] = useState<Partial<Record<Field, MessageKey>>>({});
  const server = serverFieldError(update.error, FIELDS);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  useResetWhenEdited(draft, update);
  const prefix = `severity-${level.code}`;
  const { field, inputProps } = useLabelledFields<Field, TextField>({ prefix, local, server, values: draft, set });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Partial<Record<Field, MessageKey>> = {};
    if (!draft.nameVi.trim()) found.nameVi = 'form.required';
    if (!draft.nameEn.trim()) found.nameEn = 'form.required';
    for (const name of ['ackMinutes', 'respondMinutes', 'escalateEveryMinutes'] as const) {
      const value = draft[name].trim();
      if (value !== '' && !WHOLE.test(value)) found[name] = 'form.wholeNumber';
    }
    if (!draft.escalateEveryMinutes.trim()) found.escalateEveryMinutes = 'form.required';
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    const minutes = (value: string) => (value.trim() === '' ? null : Number(value));
    const body: UpdateSeverityLevelRequest = {
      nameVi: draft.nameVi.trim(),
      nameEn: draft.nameEn.trim(),
      colour: draft.colour,
      ackMinutes: minutes(draft.ackMinutes),
      respondMinutes: minutes(draft.respondMinutes),
      escalateEveryMinutes: Number(draft.escalateEveryMinutes),
      workingDaysOnly: draft.workingDaysOnly,
      ignoresQuietHours: draft.ignoresQuietHours,
    };
    update.mutate({ code: level.code, body });
  };

  return (
    <form
      className="card form"
      onSubmit={submit}
      noValidate
      data-severity-form={level.code}
      aria-label={`${level.code} · ${level.nameVi}`}
    >
      <h3>
        <span
          className="badge"
          style={{ background: level.colour, color: readableTextOn(level.colour) }}
          data-severity={level.code}
        >
          {level.code}
        </span>{' '}
        {level.nameVi} / {level.nameEn}
      </h3>
      <fieldset className="grid-2" disabled={!canEdit}>
        {field('nameVi', 'severityAdmin.nameVi', <input {...inputProps('nameVi')} />)}
        {field('nameEn', 'severityAdmin.nameEn', <input {...inputProps('nameEn')} />)}
        {field('colour', 'severityAdmin.colour', <input type="color" {...inputProps('colour')} />)}
        {field(
          'escalateEveryMinutes',
          'severityAdmin.escalateEvery',
          <input inputMode="numeric" {...inputProps('escalateEveryMinutes')} />,
        )}
        {field(
          'ackMinutes',
          'severityAdmin.ackMinutes',
          <input inputMode="numeric" {...inputProps('ackMinutes')} />,
          'severityAdmin.ackHint',
        )}
        {field(
          'respondMinutes',
          'severityAdmin.respondMinutes',
          <input inputMode="numeric" {...inputProps('respondMinutes')} />,
          'severityAdmin.respondHint',
        )}
        <CheckboxField
          name="workingDaysOnly"
          checked={draft.workingDaysOnly}
          onChange={(workingDaysOnly) => set({ workingDaysOnly })}
        >
          {t('severityAdmin.workingDaysOnly')}
        </CheckboxField>
        <CheckboxField
          name="ignoresQuietHours"
          checked={draft.ignoresQuietHours}
          onChange={(ignoresQuietHours) => set({ ignoresQuietHours })}
        >
          {t('severityAdmin.ignoresQuietHours')}
        </CheckboxField>
      </fieldset>
      {update.isError && !server && <ErrorMessage error={update.error} />}
      {canEdit && <SaveActions pending={update.isPending} saved={update.isSuccess} />}
    </form>
  );
}
