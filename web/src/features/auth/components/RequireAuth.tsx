import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { ApiError } from '../../../api/http';
import { session } from '../../../api/session';
import { Loading } from '../../../components/ui/Loading';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { useHasSession, useMe } from '../hooks/useAuth';

/** Child routes render only for a signed-in person whose profile has loaded. */
export function RequireAuth() {
  const hasSession = useHasSession();
  const me = useMe();
  const location = useLocation();
  const unauthorised = me.error instanceof ApiError && me.error.status === 401;
  useEffect(() => {
    if (unauthorised) session.clear();
  }, [unauthorised]);
  if (!hasSession || unauthorised) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorMessage error={me.error} />;
  return <Outlet />;
}
