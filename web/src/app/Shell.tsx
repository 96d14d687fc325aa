import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useRealtime } from '../api/socket';
import { LanguageSelect } from '../components/ui/LanguageSelect';
import { useLogout, useMe } from '../features/auth/hooks/useAuth';
import { CollectionBanner } from '../features/health/components/CollectionBanner';
import {
  canManagePeople,
  canReadAudit,
  canReadEscalation,
  canReadOverview,
  canReadReports,
  hasRole,
  isOffice,
} from '../features/auth/roles';
import { AlertCenter } from '../features/inbox/components/AlertCenter';
import { Bell } from '../features/inbox/components/Bell';
import { useUnreadCount } from '../features/inbox/hooks/useInbox';
import { useI18n, type MessageKey } from '../i18n/i18n';

interface NavItem {
  to: string;
  label: MessageKey;
  visible: boolean;
}

/**
 * Signed-in frame: navigation shaped by the person's roles, the alerts bell, language, realtime state and sign-out.
 * On a phone (≤ 720 px, styles.css) the navigation and the account controls fold behind one menu button, so the top
 * bar is one line and the page starts right under it.
 */
export function Shell() {
  const { t } = useI18n();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const realtime = useRealtime(!!me.data);
  const unread = useUnreadCount(!!me.data);
  const [menuOpen, setMenuOpen] = useState(false);
  const office = isOffice(me.data);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  const items: NavItem[] = [
    { to: '/incidents', label: 'nav.incidents', visible: true },
    { to: '/inbox', label: 'nav.inbox', visible: true },
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
    <div className={`shell${menuOpen ? ' menu-open' : ''}`}>
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <div className="brand">
          <h1>{t('app.title')}</h1>
          <p className="muted subtitle">{t('app.subtitle')}</p>
        </div>
        <div className="topbar-right">
          <span className={`realtime realtime-${realtime}`} role="status" title={t(`realtime.${realtime}`)}>
            <span className="dot" aria-hidden="true" />{' '}
            <span className="realtime-label">{t(`realtime.${realtime}`)}</span>
          </span>
          <Bell unread={unread.data} />
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="mainnav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
              <path fill="currentColor" d="M3 6h18v2H3V6Zm0 5h18v2H3v-2Zm0 5h18v2H3v-2Z" />
            </svg>
            <span>{t('nav.menu')}</span>
          </button>
          <div className="account">
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
        </div>
      </header>
      <nav className="mainnav" id="mainnav" aria-label={t('nav.main')}>
        <ul>
          {items
            .filter((i) => i.visible)
            .map((i) => (
              <li key={i.to}>
                <NavLink to={i.to}>
                  {t(i.label)}
                  {i.to === '/inbox' && (unread.data ?? 0) > 0 && <span className="nav-count"> ({unread.data})</span>}
                </NavLink>
              </li>
            ))}
        </ul>
      </nav>
      <AlertCenter unread={unread.data} />
      <main id="main">
        {office && <CollectionBanner />}
        <Outlet />
      </main>
    </div>
  );
}
