import { NavLink, Outlet, useNavigate } from 'react-router-dom';
import { useRealtime } from '../api/socket';
import { LanguageSelect } from '../components/ui/LanguageSelect';
import { useLogout, useMe } from '../features/auth/hooks/useAuth';
import {
  canManagePeople,
  canReadAudit,
  canReadEscalation,
  canReadOverview,
  canReadReports,
  hasRole,
  isOffice,
} from '../features/auth/roles';
import { useI18n, type MessageKey } from '../i18n/i18n';

interface NavItem {
  to: string;
  label: MessageKey;
  visible: boolean;
}

/** Signed-in frame: navigation shaped by the person's roles, language, realtime state and sign-out. */
export function Shell() {
  const { t } = useI18n();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const realtime = useRealtime(!!me.data);
  const office = isOffice(me.data);
  const items: NavItem[] = [
    { to: '/incidents', label: 'nav.incidents', visible: true },
    { to: '/mentions', label: 'nav.mentions', visible: true },
    { to: '/good-news', label: 'nav.goodNews', visible: true },
    { to: '/reports/overview', label: 'nav.overview', visible: canReadOverview(me.data) },
    { to: '/reports/weekly', label: 'nav.weeklyReport', visible: canReadReports(me.data) },
    { to: '/sources', label: 'nav.sources', visible: office || hasRole(me.data, 'unit_web_admin') },
    { to: '/units', label: office ? 'nav.units' : 'nav.myUnits', visible: true },
    { to: '/people', label: 'nav.people', visible: canManagePeople(me.data) },
    { to: '/audit', label: 'nav.audit', visible: canReadAudit(me.data) },
    { to: '/escalation', label: 'nav.escalation', visible: canReadEscalation(me.data) },
    { to: '/settings', label: 'nav.settings', visible: true },
  ];
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="muted">{t('app.subtitle')}</p>
        </div>
        <div className="topbar-right">
          <span className={`realtime realtime-${realtime}`} role="status" title={t(`realtime.${realtime}`)}>
            <span className="dot" aria-hidden="true" /> {t(`realtime.${realtime}`)}
          </span>
          <LanguageSelect />
          <span className="user" data-testid="current-user">
            {me.data?.name}
          </span>
          <button
            type="button"
            onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
          >
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <nav className="mainnav" aria-label={t('nav.main')}>
        <ul>
          {items
            .filter((i) => i.visible)
            .map((i) => (
              <li key={i.to}>
                <NavLink to={i.to}>{t(i.label)}</NavLink>
              </li>
            ))}
        </ul>
      </nav>
      <main id="main">
        <Outlet />
      </main>
    </div>
  );
}
