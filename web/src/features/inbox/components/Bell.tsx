import { NavLink } from 'react-router-dom';
import { useI18n } from '../../../i18n/i18n';

/** The bell in the top bar: opens the inbox, with the unread count on it. */
export function Bell({ unread }: { unread: number | undefined }) {
  const { t } = useI18n();
  const count = unread ?? 0;
  return (
    <NavLink
      to="/inbox"
      className="bell"
      aria-label={count > 0 ? t('inbox.bellUnread', { n: count }) : t('inbox.bell')}
      data-testid="bell"
      data-unread={count}
    >
      <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {count > 0 && (
        <span className="bell-count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </NavLink>
  );
}
