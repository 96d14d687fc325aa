import { useState, type FormEvent, type ReactNode } from 'react';
import { SOURCE_KINDS, type CreateSourceRequest, type SourceKind, type SourceSettings } from '@mw/shared';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { FieldError, serverFieldError } from '../../../components/ui/FieldError';
import { useI18n, type MessageKey } from '../../../i18n/i18n';
import { useCreateSource, useTestSource } from '../hooks/useSources';
import { sourceErrorText } from '../source-error';

interface Draft {
  name: string;
  outlet: string;
  url: string;
  kind: SourceKind;
  intervalMinutes: string;
  reachWeight: string;
  unitCode: string;
  settings: string;
}

const EMPTY: Draft = {
  name: '',
  outlet: '',
  url: '',
  kind: 'rss',
  intervalMinutes: '',
  reachWeight: '',
  unitCode: '',
  settings: '',
};

const FIELDS = Object.keys(EMPTY) as (keyof Draft)[];

type FieldErrors = Partial<Record<keyof Draft, MessageKey>>;

/** Checks what can be checked here; the server's answer names any other field, shown under that field. */
function validate(d: Draft): { body?: CreateSourceRequest; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!d.name.trim()) errors.name = 'form.required';
  try {
    const url = new URL(d.url.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') errors.url = 'sources.error.urlScheme';
  } catch {
    errors.url = 'sources.error.url';
  }
  const interval = d.intervalMinutes.trim() === '' ? undefined : Number(d.intervalMinutes);
  if (interval !== undefined && (!Number.isInteger(interval) || interval < 1))
    errors.intervalMinutes = 'sources.error.interval';
  const reach = d.reachWeight.trim() === '' ? undefined : Number(d.reachWeight);
  if (reach !== undefined && (!Number.isFinite(reach) || reach < 0)) errors.reachWeight = 'sources.error.reach';
  let settings: SourceSettings | undefined;
  if (d.settings.trim()) {
    try {
      const parsed: unknown = JSON.parse(d.settings);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      settings = parsed as SourceSettings;
    } catch {
      errors.settings = 'sources.error.settings';
    }
  }
  if (d.kind === 'html' && !settings?.selectors && !errors.settings) errors.settings = 'sources.error.selectors';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    body: {
      name: d.name.trim(),
      url: d.url.trim(),
      kind: d.kind,
      ...(d.outlet.trim() ? { outlet: d.outlet.trim() } : {}),
      ...(interval !== undefined ? { intervalMinutes: interval } : {}),
      ...(reach !== undefined ? { reachWeight: reach } : {}),
      ...(d.unitCode.trim() ? { unitCode: d.unitCode.trim() } : {}),
      ...(settings ? { settings } : {}),
    },
  };
}

export function SourceForm({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const create = useCreateSource();
  const test = useTestSource();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  // The server names fields as dotted paths; `settings.selectors.item` belongs under the settings box.
  const server = serverFieldError(test.error, FIELDS) ?? serverFieldError(create.error, FIELDS);
  const invalid = (name: keyof Draft) => !!errors[name] || server?.field === name;
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const field = (name: keyof Draft, label: MessageKey, input: ReactNode) => {
    const local = errors[name];
    return (
      <div className="field">
        <label htmlFor={`source-${name}`}>{t(label)}</label>
        {input}
        {local ? (
          <span className="error field-error" id={`source-${name}-error`} data-field-error={name}>
            {t(local)}
          </span>
        ) : server?.field === name ? (
          <FieldError
            id={`source-${name}-error`}
            field={name}
            messageKey="form.invalid"
            detail={server.detail}
            failure={server.failure}
            label={t(label)}
          />
        ) : null}
      </div>
    );
  };
  const inputProps = (name: keyof Draft) => ({
    id: `source-${name}`,
    name,
    value: draft[name],
    'aria-invalid': invalid(name),
    'aria-describedby': invalid(name) ? `source-${name}-error` : undefined,
    onChange: (e: { target: { value: string } }) => set({ [name]: e.target.value } as Partial<Draft>),
  });

  const run = (action: 'save' | 'test') => {
    const { body, errors: found } = validate(draft);
    setErrors(found);
    if (!body) return;
    if (action === 'test') test.mutate(body);
    else
      create.mutate(body, {
        onSuccess: () => {
          setDraft(EMPTY);
          onDone();
        },
      });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run('save');
  };

  return (
    <form className="form grid-2" onSubmit={submit} noValidate aria-label={t('sources.add')}>
      {field('name', 'sources.name', <input {...inputProps('name')} />)}
      {field('outlet', 'sources.outlet', <input {...inputProps('outlet')} />)}
      {field('url', 'sources.url', <input type="url" {...inputProps('url')} />)}
      {field(
        'kind',
        'sources.kind',
        <select {...inputProps('kind')}>
          {SOURCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`sourceKind.${k}`)}
            </option>
          ))}
        </select>,
      )}
      {field('intervalMinutes', 'sources.interval', <input inputMode="numeric" {...inputProps('intervalMinutes')} />)}
      {field('reachWeight', 'sources.reach', <input inputMode="decimal" {...inputProps('reachWeight')} />)}
      {field('unitCode', 'sources.unit', <input {...inputProps('unitCode')} />)}
      {field(
        'settings',
        'sources.settings',
        <textarea rows={3} placeholder={t('sources.settingsHint')} {...inputProps('settings')} />,
      )}
      {create.isError && !server && <ErrorMessage error={create.error} />}
      {test.isError && !server && <ErrorMessage error={test.error} />}
      <div className="actions span-2">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('common.save')}
        </button>
        <button type="button" disabled={test.isPending} onClick={() => run('test')}>
          {test.isPending ? t('sources.testing') : t('sources.test')}
        </button>
      </div>
      {test.data && (
        <div className="span-2 test-result" role="status">
          {test.data.ok ? (
            <>
              <p className="status-up">{t('sources.testOk', { n: test.data.itemCount })}</p>
              <ul>
                {test.data.items.slice(0, 5).map((item) => (
                  <li key={item.url}>{item.title}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="error" title={test.data.error.message}>
              {t('sources.testFailed')}: {sourceErrorText(t, test.data.error.code, test.data.error.message)}
            </p>
          )}
        </div>
      )}
    </form>
  );
}
