import { useState, type FormEvent } from 'react';
import {
  holdsRoleAt,
  INCIDENT_CATEGORIES,
  INCIDENT_OPENERS,
  SEVERITIES,
  type Category,
  type Severity,
} from '@mw/shared';
import { ApiError } from '../../../api/http';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { SelectField } from '../../../components/ui/SelectField';
import { UnitSelect } from '../../../components/ui/UnitSelect';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/hooks/useAuth';
import { useCreateIncident } from '../hooks/useIncidents';

/** A spokesperson opens a ticket by hand from a tip: a parents' group post, a screenshot, a link. */
export function CreateIncidentForm({ onCreated }: { onCreated(id: string): void }) {
  const { t } = useI18n();
  const create = useCreateIncident();
  const me = useMe();
  // Only the schools where the person holds an opening role: a web admin's school is read, not opened at.
  const opensAt = (code: string) => holdsRoleAt(me.data?.roles ?? [], INCIDENT_OPENERS, [code]);
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
      <UnitSelect
        name="unitCode"
        required
        value={unitCode}
        onChange={setUnitCode}
        emptyLabel={t('common.choose')}
        offers={opensAt}
      />
      <SelectField
        label={t('incidents.category')}
        name="category"
        value={category}
        onChange={setCategory}
        emptyLabel={t('common.choose')}
        options={INCIDENT_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
      />
      <SelectField
        label={t('incidents.severity')}
        name="severity"
        value={severity}
        onChange={setSeverity}
        emptyLabel={t('incidents.severityAuto')}
        options={SEVERITIES.map((s) => ({ value: s, label: `${s} · ${t(`severity.${s}`)}` }))}
      />
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
