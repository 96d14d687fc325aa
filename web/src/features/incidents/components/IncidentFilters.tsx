import { useState, type FormEvent } from 'react';
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES, SEVERITIES } from '@mw/shared';
import { useI18n } from '../../../i18n/i18n';
import { dayInvalid } from '../../../components/ui/dates';
import { DayRangeFields } from '../../../components/ui/DayMonthYearField';
import { FilterActions } from '../../../components/ui/FilterActions';
import { SelectField } from '../../../components/ui/SelectField';
import { UnitSelect } from '../../../components/ui/UnitSelect';

export interface FilterValues {
  /** Words of the title or description (the server ignores diacritics and case). */
  q: string;
  status: string;
  severity: string;
  unit: string;
  category: string;
  /** dd/MM/yyyy as typed. */
  from: string;
  to: string;
}

export const EMPTY_FILTERS: FilterValues = {
  q: '',
  status: '',
  severity: '',
  unit: '',
  category: '',
  from: '',
  to: '',
};

/** Selects apply at once; the search words and the two dates on submit, after the dates read as real days. */
export function IncidentFilters({ value, onChange }: { value: FilterValues; onChange(next: FilterValues): void }) {
  const { t } = useI18n();
  const [from, setFrom] = useState(value.from);
  const [to, setTo] = useState(value.to);
  const [q, setQ] = useState(value.q);
  const datesInvalid = dayInvalid(from) || dayInvalid(to);
  const set = (patch: Partial<FilterValues>) => onChange({ ...value, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!datesInvalid) set({ q: q.trim(), from, to });
  };
  return (
    <form className="filters" onSubmit={submit} aria-label={t('incidents.filters')}>
      <label className="field search-field">
        <span>{t('common.search')}</span>
        <input
          type="search"
          name="q"
          value={q}
          maxLength={200}
          placeholder={t('incidents.searchHint')}
          onChange={(e) => setQ(e.target.value)}
        />
      </label>
      <SelectField
        label={t('incidents.status')}
        name="status"
        value={value.status}
        onChange={(status) => set({ status })}
        emptyLabel={t('common.all')}
        options={INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
      />
      <SelectField
        label={t('incidents.severity')}
        name="severity"
        value={value.severity}
        onChange={(severity) => set({ severity })}
        emptyLabel={t('common.all')}
        options={SEVERITIES.map((s) => ({ value: s, label: `${s} · ${t(`severity.${s}`)}` }))}
      />
      <UnitSelect name="unit" value={value.unit} onChange={(unit) => set({ unit })} emptyLabel={t('common.all')} />
      <SelectField
        label={t('incidents.category')}
        name="category"
        value={value.category}
        onChange={(category) => set({ category })}
        emptyLabel={t('common.all')}
        options={INCIDENT_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
      />
      <DayRangeFields from={from} to={to} onFrom={setFrom} onTo={setTo} />
      <FilterActions
        datesInvalid={datesInvalid}
        onClear={() => {
          setFrom('');
          setTo('');
          setQ('');
          onChange(EMPTY_FILTERS);
        }}
      />
    </form>
  );
}
