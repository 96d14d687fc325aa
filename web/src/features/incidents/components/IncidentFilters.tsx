import { useState, type FormEvent } from 'react';
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES, SEVERITIES } from '@mw/shared';
import { useI18n } from '../../../i18n/i18n';
import { parseDayMonthYear } from '../../../components/ui/dates';
import { useUnits } from '../../units/hooks/useUnits';

export interface FilterValues {
  status: string;
  severity: string;
  unit: string;
  category: string;
  /** dd/MM/yyyy as typed. */
  from: string;
  to: string;
}

export const EMPTY_FILTERS: FilterValues = { status: '', severity: '', unit: '', category: '', from: '', to: '' };

/** Selects apply at once; the two dates apply on submit, after they read as real dd/MM/yyyy days. */
export function IncidentFilters({ value, onChange }: { value: FilterValues; onChange(next: FilterValues): void }) {
  const { t } = useI18n();
  const units = useUnits();
  const [from, setFrom] = useState(value.from);
  const [to, setTo] = useState(value.to);
  const fromInvalid = from !== '' && !parseDayMonthYear(from);
  const toInvalid = to !== '' && !parseDayMonthYear(to);
  const set = (patch: Partial<FilterValues>) => onChange({ ...value, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!fromInvalid && !toInvalid) set({ from, to });
  };
  return (
    <form className="filters" onSubmit={submit} aria-label={t('incidents.filters')}>
      <label className="field">
        <span>{t('incidents.status')}</span>
        <select name="status" value={value.status} onChange={(e) => set({ status: e.target.value })}>
          <option value="">{t('common.all')}</option>
          {INCIDENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('incidents.severity')}</span>
        <select name="severity" value={value.severity} onChange={(e) => set({ severity: e.target.value })}>
          <option value="">{t('common.all')}</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s} · {t(`severity.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('incidents.unit')}</span>
        <select name="unit" value={value.unit} onChange={(e) => set({ unit: e.target.value })}>
          <option value="">{t('common.all')}</option>
          {(units.data ?? []).map((u) => (
            <option key={u.code} value={u.code}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('incidents.category')}</span>
        <select name="category" value={value.category} onChange={(e) => set({ category: e.target.value })}>
          <option value="">{t('common.all')}</option>
          {INCIDENT_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('common.from')}</span>
        <input
          name="from"
          inputMode="numeric"
          placeholder={t('common.datePlaceholder')}
          value={from}
          aria-invalid={fromInvalid}
          onChange={(e) => setFrom(e.target.value)}
          size={10}
        />
      </label>
      <label className="field">
        <span>{t('common.to')}</span>
        <input
          name="to"
          inputMode="numeric"
          placeholder={t('common.datePlaceholder')}
          value={to}
          aria-invalid={toInvalid}
          onChange={(e) => setTo(e.target.value)}
          size={10}
        />
      </label>
      <div className="filter-actions">
        <button type="submit">{t('common.apply')}</button>
        <button
          type="button"
          onClick={() => {
            setFrom('');
            setTo('');
            onChange(EMPTY_FILTERS);
          }}
        >
          {t('common.clear')}
        </button>
      </div>
      {(fromInvalid || toInvalid) && (
        <p className="error field-error" role="alert">
          {t('common.dateInvalid')}
        </p>
      )}
    </form>
  );
}
