import { useState, type FormEvent } from 'react';
import {
  ErrorCode,
  type CreatePersonRequest,
  type Language,
  type PersonDetail,
  type UpdatePersonRequest,
} from '@mw/shared';
import { ApiError } from '../../../api/http';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { CheckboxField } from '../../../components/ui/CheckboxField';
import { FieldError, serverFieldError, useLabelledFields } from '../../../components/ui/FieldError';
import { SaveActions, useResetWhenEdited } from '../../../components/ui/SaveActions';
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
type TextField = 'name' | 'email' | 'phone' | 'zaloId' | 'password';

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

/** The 409 that says the e-mail already belongs to an account (not the "last admin" one on deactivating). */
function isEmailTaken(error: unknown): boolean {
  return error instanceof ApiError && error.body?.code === ErrorCode.Conflict && error.field === 'email';
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
  const emailTaken = isEmailTaken(mutation.error);
  const prefix = person ? 'person-edit' : 'person-new';
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  useResetWhenEdited(draft, update);

  const { errorOf, field, inputProps } = useLabelledFields<Field, TextField>({
    prefix,
    local: emailTaken && !missing.email ? { ...missing, email: 'people.emailTaken' } : missing,
    server,
    values: draft,
    set,
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
          <CheckboxField name="active" checked={draft.active} onChange={(active) => set({ active })}>
            {t('people.activeAccount')}
          </CheckboxField>
          {errorOf('active') && (
            <FieldError
              id={`${prefix}-active-error`}
              field="active"
              messageKey="form.invalid"
              detail={server?.detail}
              failure={server?.failure}
              label={t('people.activeAccount')}
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
      {mutation.isError && !server && !emailTaken && <ErrorMessage error={mutation.error} />}
      <SaveActions className="actions span-2" pending={mutation.isPending} saved={update.isSuccess && !!person} />
    </form>
  );
}
