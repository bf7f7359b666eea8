import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from './AuthContext';
import { Loading, QueryError } from '../components/Status';
import { hadExpiredSession, lastEndReason } from './session';
import type { Me } from '../api/types';
import { usePageTitle } from '../components/Layout';

/**
 * Pages for signed-in users. While "who am I" is still loading the page renders already (its
 * own requests carry the token and start at once); pages that depend on the user's role sit
 * inside RequireRole, which waits for it.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { token, me, meLoading, meError } = useAuth();
  const location = useLocation();
  if (!token) {
    if (lastEndReason() === 'signed-out') return <Navigate to="/sign-in?signed_out=1" replace />;
    const next = encodeURIComponent(location.pathname + location.search);
    const expired = hadExpiredSession() ? '&expired=1' : '';
    return <Navigate to={`/sign-in?next=${next}${expired}`} replace />;
  }
  if (meLoading) return <>{children}</>;
  if (!me) return <QueryError error={meError} retry={() => window.location.reload()} what="your account" />;
  return <>{children}</>;
}

/** Pages only some roles may use; others see why, not the page. */
export function RequireRole({
  allow,
  what,
  who = 'indicator owners and the performance team',
  children,
}: {
  allow: (me: Me) => boolean;
  what: string;
  who?: string;
  children: ReactNode;
}) {
  const { me, meLoading } = useAuth();
  if (meLoading) return <Loading what="Checking who you are" />;
  if (me && allow(me)) return <>{children}</>;
  return <Forbidden what={what} who={who} />;
}

export function Forbidden({ what, who }: { what: string; who: string }) {
  usePageTitle('You cannot use this page');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">You cannot use this page</h1>
        <p className="govuk-body" data-testid="forbidden">
          {what} is for {who}. Your account can read the dashboard and the indicator
          register.
        </p>
        <p className="govuk-body">
          <a className="govuk-link" href="/">
            Go to the dashboard
          </a>
        </p>
      </div>
    </div>
  );
}
