import { useState, type FormEvent, type ReactNode } from 'react';
import type { CreatePersonRequest, Language, PersonDetail, UpdatePersonRequest } from '@mw/shared';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { FieldError, serverFieldError } from '../../../components/ui/FieldError';
import { useI18n, type MessageKey } from '../../../i18n/i18n';
import { useCreatePerson, useUpdatePerson } from '../hooks/usePeople';

interface Draft {
  name: string;
  email: string;
  phone: string;
  zaloId: string;
  language: Language;
  password: string;
  active: boolean;
}

const FIELDS = ['name', 'email', 'phone', 'zaloId', 'language', 'password', 'active'] as const;
type Field = (typeof FIELDS)[number];

function draftOf(person: PersonDetail | undefined): Draft {
  return {
    name: person?.name ?? '',
    email: person?.email ?? '',
    phone: person?.phone ?? '',
    zaloId: person?.zaloId ?? '',
    language: person?.language ?? 'vi',
    password: '',
    active: person?.active ?? true,
  };
}

/**
 * Creates a person (no `person`) or edits one. Only emptiness is checked here; the server's 400 names any other
 * field (an e-mail it cannot read, a password too short) and the message appears under that field.
 */
export function PersonForm({ person, onDone }: { person?: PersonDetail; onDone(saved: PersonDetail): void }) {
  const { t } = useI18n();
  const create = useCreatePerson();
  const update = useUpdatePerson();
  const mutation = person ? update : create;
  const [draft, setDraft] = useState<Draft>(() => draftOf(person));
  const [missing, setMissing] = useState<Partial<Record<Field, MessageKey>>>({});
  const server = serverFieldError(mutation.error, FIELDS);
  const prefix = person ? 'person-edit' : 'person-new';
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const errorOf = (name: Field) =>
    missing[name]
      ? { key: missing[name], detail: undefined }
      : server?.field === name
        ? { key: 'form.invalid' as const, detail: server.detail }
        : null;
  const field = (name: Field, label: MessageKey, input: ReactNode) => {
    const error = errorOf(name);
    return (
      <div className="field">
        <label htmlFor={`${prefix}-${name}`}>{t(label)}</label>
        {input}
        {error && (
          <FieldError id={`${prefix}-${name}-error`} field={name} messageKey={error.key} detail={error.detail} />
        )}
      </div>
    );
  };
  const inputProps = (name: 'name' | 'email' | 'phone' | 'zaloId' | 'password') => ({
    id: `${prefix}-${name}`,
    name,
    value: draft[name],
    'aria-invalid': !!errorOf(name),
    'aria-describedby': errorOf(name) ? `${prefix}-${name}-error` : undefined,
    onChange: (e: { target: { value: string } }) => set({ [name]: e.target.value }),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Partial<Record<Field, MessageKey>> = {};
    if (!draft.name.trim()) found.name = 'form.required';
    if (!draft.email.trim()) found.email = 'form.required';
    setMissing(found);
    if (Object.keys(found).length > 0) return;
    const optional = (v: string) => (v.trim() ? v.trim() : undefined);
    if (person) {
      const body: UpdatePersonRequest = {
        name: draft.name.trim(),
        email: draft.email.trim(),
        phone: optional(draft.phone) ?? null,
        zaloId: optional(draft.zaloId) ?? null,
        language: draft.language,
        active: draft.active,
      };
      update.mutate({ id: person.id, body }, { onSuccess: onDone });
    } else {
      const body: CreatePersonRequest = {
        name: draft.name.trim(),
        email: draft.email.trim(),
        language: draft.language,
        ...(optional(draft.phone) ? { phone: optional(draft.phone) } : {}),
        ...(optional(draft.zaloId) ? { zaloId: optional(draft.zaloId) } : {}),
        ...(draft.password ? { password: draft.password } : {}),
      };
      create.mutate(body, { onSuccess: onDone });
    }
  };

  return (
    <form className="form grid-2" onSubmit={submit} noValidate aria-label={t(person ? 'people.edit' : 'people.add')}>
      {field('name', 'people.name', <input {...inputProps('name')} />)}
      {field('email', 'people.email', <input type="email" {...inputProps('email')} />)}
      {field('phone', 'people.phone', <input type="tel" {...inputProps('phone')} />)}
      {field('zaloId', 'people.zaloId', <input {...inputProps('zaloId')} />)}
      {field(
        'language',
        'people.language',
        <select
          id={`${prefix}-language`}
          name="language"
          value={draft.language}
          onChange={(e) => set({ language: e.target.value === 'en' ? 'en' : 'vi' })}
        >
          <option value="vi">Tiếng Việt</option>
          <option value="en">English</option>
        </select>,
      )}
      {person ? (
        <div>
          <label className="checkbox">
            <input
              type="checkbox"
              name="active"
              checked={draft.active}
              onChange={(e) => set({ active: e.target.checked })}
            />
            <span>{t('people.activeAccount')}</span>
          </label>
          {errorOf('active') && (
            <FieldError
              id={`${prefix}-active-error`}
              field="active"
              messageKey="form.invalid"
              detail={server?.detail}
            />
          )}
        </div>
      ) : (
        field(
          'password',
          'people.password',
          <input type="password" autoComplete="new-password" {...inputProps('password')} />,
        )
      )}
      {!person && <p className="muted small span-2">{t('people.passwordHint')}</p>}
      {mutation.isError && !server && <ErrorMessage error={mutation.error} />}
      <div className="actions span-2">
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {t('common.save')}
        </button>
        {update.isSuccess && person && <span role="status">{t('common.saved')}</span>}
      </div>
    </form>
  );
}
