import { useState, type FormEvent } from 'react';
import type { MeResponse, NotificationChannel } from '@mw/shared';
import { CheckboxField } from '../../../components/ui/CheckboxField';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { LanguageSelect } from '../../../components/ui/LanguageSelect';
import { TimeField } from '../../../components/ui/TimeField';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/hooks/useAuth';
import { HealthCard } from '../../health/components/HealthCard';
import { useChangePassword, useUpdatePreferences } from '../hooks/useSettings';

const CHANNELS: NotificationChannel[] = ['in_app', 'email', 'zalo'];

function PreferencesForm({ me }: { me: MeResponse }) {
  const { t } = useI18n();
  const update = useUpdatePreferences();
  const [channels, setChannels] = useState<NotificationChannel[]>(me.preferences.channels);
  const [quiet, setQuiet] = useState(!!me.preferences.quietHours);
  const [start, setStart] = useState(me.preferences.quietHours?.start ?? '22:00');
  const [end, setEnd] = useState(me.preferences.quietHours?.end ?? '06:00');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ channels, quietHours: quiet ? { start, end } : null });
  };
  return (
    <form className="form" onSubmit={submit}>
      <fieldset>
        <legend>{t('settings.channels')}</legend>
        {CHANNELS.map((c) => (
          <CheckboxField
            key={c}
            checked={channels.includes(c)}
            onChange={(on) => setChannels((cs) => (on ? [...cs, c] : cs.filter((x) => x !== c)))}
          >
            {t(`channel.${c}`)}
          </CheckboxField>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('settings.quietHours')}</legend>
        <CheckboxField checked={quiet} onChange={setQuiet}>
          {t('settings.quietEnabled')}
        </CheckboxField>
        <TimeField label={t('common.from')} value={start} disabled={!quiet} onChange={setStart} />
        <TimeField label={t('common.to')} value={end} disabled={!quiet} onChange={setEnd} />
        <p className="muted small">{t('settings.quietHint')}</p>
      </fieldset>
      {update.isError && <ErrorMessage error={update.error} />}
      {update.isSuccess && <p role="status">{t('common.saved')}</p>}
      <div>
        <button type="submit" className="primary" disabled={update.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

function PasswordForm() {
  const { t } = useI18n();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const mismatch = confirm !== '' && next !== confirm;
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate(
          { currentPassword: current, newPassword: next },
          { onSuccess: () => (setCurrent(''), setNext(''), setConfirm('')) },
        );
      }}
    >
      <label className="field">
        <span>{t('settings.currentPassword')}</span>
        <input
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('settings.newPassword')}</span>
        <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('settings.confirmPassword')}</span>
        <input
          type="password"
          autoComplete="new-password"
          value={confirm}
          aria-invalid={mismatch}
          onChange={(e) => setConfirm(e.target.value)}
        />
      </label>
      {mismatch && <p className="error">{t('settings.passwordMismatch')}</p>}
      {change.isError && <ErrorMessage error={change.error} />}
      {change.isSuccess && <p role="status">{t('settings.passwordChanged')}</p>}
      <div>
        <button type="submit" disabled={!current || !next || mismatch || change.isPending}>
          {t('settings.changePassword')}
        </button>
      </div>
    </form>
  );
}

export function SettingsPage() {
  const { t } = useI18n();
  const me = useMe();
  const update = useUpdatePreferences();
  if (!me.data) return null;
  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">{t('settings.heading')}</h2>
      <div className="card">
        <h3>{t('settings.profile')}</h3>
        <p>
          <strong>{me.data.name}</strong> · {me.data.email}
        </p>
        <ul className="plain-list">
          {me.data.roles.map((r) => (
            <li key={r.id}>
              {t(`role.${r.role}`)}
              {r.deputy && ` (${t('units.deputyShort')})`} · {r.unitName}
            </li>
          ))}
        </ul>
        <LanguageSelect onChange={(language) => update.mutate({ language })} />
      </div>
      <div className="card">
        <h3>{t('settings.notifications')}</h3>
        <PreferencesForm me={me.data} />
      </div>
      <div className="card">
        <h3>{t('settings.password')}</h3>
        <PasswordForm />
      </div>
      <HealthCard />
    </section>
  );
}
