import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { LanguageSelect } from '../../../components/ui/LanguageSelect';
import { useI18n } from '../../../i18n/i18n';
import { loginErrorText } from '../login-error';
import { useHasSession, useLogin } from '../hooks/useAuth';

export function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const hasSession = useHasSession();
  const loginMutation = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const from = (location.state as { from?: string } | null)?.from ?? '/incidents';

  if (hasSession && !loginMutation.isPending) return <Navigate to={from} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    loginMutation.mutate({ email: email.trim(), password }, { onSuccess: () => navigate(from, { replace: true }) });
  };

  return (
    <div className="login-page">
      <main className="card login-card" aria-labelledby="login-title">
        <div className="login-lang">
          <LanguageSelect />
        </div>
        <h1 id="login-title">{t('app.title')}</h1>
        <p className="muted">{t('app.subtitle')}</p>
        <h2>{t('login.heading')}</h2>
        <form onSubmit={submit} className="form" noValidate>
          <label className="field">
            <span>{t('login.email')}</span>
            <input
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('login.password')}</span>
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {loginMutation.isError && (
            <p role="alert" className="error">
              {loginErrorText(loginMutation.error, t)}
            </p>
          )}
          <button type="submit" className="primary" disabled={loginMutation.isPending || !email || !password}>
            {loginMutation.isPending ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
