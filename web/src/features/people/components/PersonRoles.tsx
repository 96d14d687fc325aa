import { useState, type FormEvent } from 'react';
import { ErrorCode, OFFICE_ROLES, ROLES, type PersonDetail, type Role } from '@mw/shared';
import { ApiError } from '../../../api/http';
import { DataTable } from '../../../components/ui/DataTable';
import { DateTime } from '../../../components/ui/DateTime';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { FieldError, serverFieldError } from '../../../components/ui/FieldError';
import { SelectField } from '../../../components/ui/SelectField';
import { UnitSelect } from '../../../components/ui/UnitSelect';
import { useI18n } from '../../../i18n/i18n';
import { useAssignRole, useRenounceRole } from '../hooks/usePeople';

const ROLE_FIELDS = ['role', 'unitCode', 'deputy'] as const;

function AssignRoleForm({ person }: { person: PersonDetail }) {
  const { t } = useI18n();
  const assign = useAssignRole();
  const [role, setRole] = useState<Role | ''>('');
  const [unitCode, setUnitCode] = useState('');
  const [deputy, setDeputy] = useState(false);
  const [roleMissing, setRoleMissing] = useState(false);
  const server = serverFieldError(assign.error, ROLE_FIELDS);
  // The only 409 an assignment gets: this person already holds this role at this unit.
  const held = assign.error instanceof ApiError && assign.error.body?.code === ErrorCode.Conflict;
  const office = role !== '' && OFFICE_ROLES.includes(role);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setRoleMissing(role === '');
    if (role === '') return;
    assign.mutate(
      { id: person.id, body: { role, ...(unitCode ? { unitCode } : {}), ...(deputy ? { deputy } : {}) } },
      {
        onSuccess: () => {
          setRole('');
          setUnitCode('');
          setDeputy(false);
        },
      },
    );
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('people.assignRole')}>
      <h4>{t('people.assignRole')}</h4>
      <div className="inline-form">
        <div>
          <SelectField
            label={t('people.role')}
            name="role"
            value={role}
            onChange={(v) => setRole(v as Role | '')}
            emptyLabel={t('common.choose')}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
          {(roleMissing || server?.field === 'role') && (
            <FieldError
              id="assign-role-error"
              field="role"
              messageKey={roleMissing ? 'form.required' : 'form.invalid'}
              detail={roleMissing ? undefined : server?.detail}
              failure={roleMissing ? undefined : server?.failure}
              label={t('people.role')}
            />
          )}
        </div>
        <div>
          <UnitSelect
            name="unitCode"
            value={unitCode}
            onChange={setUnitCode}
            emptyLabel={office ? t('people.officeUnit') : t('common.choose')}
          />
          {server?.field === 'unitCode' && (
            <FieldError
              id="assign-unit-error"
              field="unitCode"
              messageKey="form.invalid"
              detail={server.detail}
              failure={server.failure}
              label={t('incidents.unit')}
            />
          )}
        </div>
        <label className="checkbox">
          <input type="checkbox" name="deputy" checked={deputy} onChange={(e) => setDeputy(e.target.checked)} />
          <span>{t('people.deputy')}</span>
        </label>
        <button type="submit" className="primary" disabled={assign.isPending}>
          {t('people.assign')}
        </button>
      </div>
      <p className="muted small">{t('people.unitHint')}</p>
      {held && (
        <p role="alert" className="error" title={assign.error instanceof ApiError ? assign.error.message : undefined}>
          {t('people.roleHeld')}
        </p>
      )}
      {assign.isError && !server && !held && <ErrorMessage error={assign.error} />}
    </form>
  );
}

/** Active roles with a way to renounce each, the assignment form, and every past assignment as history. */
export function PersonRoles({ person }: { person: PersonDetail }) {
  const { t } = useI18n();
  const renounce = useRenounceRole();
  const past = person.roleHistory.filter((r) => r.renouncedAt !== null);
  return (
    <div className="card">
      <h3>{t('people.roles')}</h3>
      {person.roles.length === 0 && <p className="muted">{t('people.noRoles')}</p>}
      {person.roles.length > 0 && (
        <DataTable
          rows={person.roles}
          rowKey={(r) => r.id}
          rowProps={(r) => ({ 'data-assignment-id': r.id, 'data-role': r.role, 'data-unit': r.unitCode })}
          testId="active-roles"
          columns={[
            {
              key: 'role',
              header: t('people.role'),
              phone: 'bare',
              cell: (r) => (
                <>
                  {t(`role.${r.role}`)}
                  {r.deputy && <span className="muted"> ({t('units.deputyShort')})</span>}
                </>
              ),
            },
            { key: 'unit', header: t('incidents.unit'), cell: (r) => r.unitName },
            { key: 'assumed', header: t('people.assumedAt'), cell: (r) => <DateTime value={r.assumedAt} /> },
            {
              key: 'actions',
              header: t('common.actions'),
              phone: 'bare',
              cell: (r) => (
                <button
                  type="button"
                  disabled={renounce.isPending}
                  onClick={() => {
                    if (window.confirm(t('people.renounceConfirm', { role: t(`role.${r.role}`), unit: r.unitName })))
                      renounce.mutate({ id: person.id, assignmentId: r.id });
                  }}
                >
                  {t('people.renounce')}
                </button>
              ),
            },
          ]}
        />
      )}
      {renounce.isError && <ErrorMessage error={renounce.error} />}
      <AssignRoleForm key={person.id} person={person} />
      {past.length > 0 && (
        <details>
          <summary>{t('people.history', { n: past.length })}</summary>
          <ul className="plain-list">
            {past.map((r) => (
              <li key={r.id} data-renounced-id={r.id}>
                {t(`role.${r.role}`)} · {r.unitName} · <DateTime value={r.assumedAt} /> –{' '}
                <DateTime value={r.renouncedAt} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
