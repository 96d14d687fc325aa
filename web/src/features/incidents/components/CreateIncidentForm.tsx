import { useState, type FormEvent } from 'react';
import { INCIDENT_CATEGORIES, SEVERITIES, type Category, type Severity } from '@mw/shared';
import { ApiError } from '../../../api/http';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { useI18n } from '../../../i18n/i18n';
import { useUnits } from '../../units/hooks/useUnits';
import { useCreateIncident } from '../hooks/useIncidents';

/** A spokesperson opens a ticket by hand from a tip: a parents' group post, a screenshot, a link. */
export function CreateIncidentForm({ onCreated }: { onCreated(id: string): void }) {
  const { t } = useI18n();
  const units = useUnits();
  const create = useCreateIncident();
  const [title, setTitle] = useState('');
  const [unitCode, setUnitCode] = useState('');
  const [description, setDescription] = useState('');
  const [sourceUrl, setSourceUrl] = useState('');
  const [category, setCategory] = useState('');
  const [severity, setSeverity] = useState('');
  const badField = create.error instanceof ApiError ? create.error.field : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        title: title.trim(),
        unitCodes: unitCode ? [unitCode] : [],
        description: description.trim() || undefined,
        sourceUrl: sourceUrl.trim() || undefined,
        category: (category || undefined) as Category | undefined,
        severity: (severity || undefined) as Severity | undefined,
      },
      { onSuccess: (incident) => onCreated(incident.id) },
    );
  };

  return (
    <form className="form grid-2" onSubmit={submit}>
      <label className="field">
        <span>{t('incidents.title')}</span>
        <input
          name="title"
          required
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={badField === 'title'}
        />
      </label>
      <label className="field">
        <span>{t('incidents.unit')}</span>
        <select name="unitCode" required value={unitCode} onChange={(e) => setUnitCode(e.target.value)}>
          <option value="">{t('common.choose')}</option>
          {(units.data ?? []).map((u) => (
            <option key={u.code} value={u.code}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('incidents.category')}</span>
        <select name="category" value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">{t('common.choose')}</option>
          {INCIDENT_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('incidents.severity')}</span>
        <select name="severity" value={severity} onChange={(e) => setSeverity(e.target.value)}>
          <option value="">{t('incidents.severityAuto')}</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s} · {t(`severity.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field span-2">
        <span>{t('incidents.sourceUrl')}</span>
        <input name="sourceUrl" type="url" value={sourceUrl} onChange={(e) => setSourceUrl(e.target.value)} />
      </label>
      <label className="field span-2">
        <span>{t('incidents.description')}</span>
        <textarea name="description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      {create.isError && <ErrorMessage error={create.error} />}
      <div>
        <button type="submit" className="primary" disabled={create.isPending || !title.trim() || !unitCode}>
          {t('incidents.open')}
        </button>
      </div>
    </form>
  );
}
