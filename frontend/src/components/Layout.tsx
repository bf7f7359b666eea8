import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useMatch } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { canEnterData, canImport, isAdmin, isPerformanceTeam, isStaff, ROLE_LABELS } from '../auth/roles';
import { seesCommitments } from '../auth/planningRoles';
import { useOrganisations } from '../api/queries';
import { ApiBanner } from './ApiBanner';

/** Sets the document title, as GOV.UK pages do: "Page – Service". */
export function usePageTitle(title: string, hasError = false) {
  useEffect(() => {
    document.title = `${hasError ? 'Error: ' : ''}${title} – Golden Thread`;
  }, [title, hasError]);
}

/** After a client-side navigation, move focus to the new page's heading (as a full load would). */
function RouteFocus() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // The new page's heading may appear only once its data or code has loaded: wait for it,
    // unless the user has moved focus themselves in the meantime.
    const started = Date.now();
    const startFocus = document.activeElement;
    let timer = 0;
    const attempt = () => {
      const moved = document.activeElement !== startFocus && document.activeElement !== document.body;
      if (moved && document.activeElement?.id !== 'main-content') return;
      const h1 = document.querySelector<HTMLElement>('main h1');
      if (h1) {
        if (!h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
        h1.focus({ preventScroll: false });
        return;
      }
      if (Date.now() - started > 5000) {
        document.getElementById('main-content')?.focus();
        return;
      }
      timer = window.setTimeout(attempt, 50);
    };
    timer = window.setTimeout(attempt, 0);
    return () => window.clearTimeout(timer);
  }, [pathname]);
  return null;
}

/** One menu item; `except` is a section under `to` that has its own item (so only that one is current). */
function NavItem({ to, end, except, children }: { to: string; end?: boolean; except?: string; children: string }) {
  const { pathname } = useLocation();
  const exact = !!end || (!!except && (pathname === except || pathname.startsWith(`${except}/`)));
  const active = useMatch({ path: to, end: exact });
  return (
    <li className={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`}>
      <NavLink to={to} end={exact} className="govuk-service-navigation__link">
        {active ? <strong className="govuk-service-navigation__active-fallback">{children}</strong> : children}
      </NavLink>
    </li>
  );
}

export function Header() {
  const { me, signOut } = useAuth();
  const orgs = useOrganisations(!!me);
  const org = me ? orgs.data?.find((o) => o.id === me.organisation_id) : undefined;
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      <header className="gt-header">
        <div className="govuk-width-container gt-header__container">
          <div className="gt-header__logo">
            <span className="gt-header__org">{org?.name ?? 'Golden Thread'}</span>
          </div>
          {me ? (
            <div className="gt-header__user">
              <span className="gt-header__name">
                {me.name}
                {me.role ? <span className="gt-header__role"> ({ROLE_LABELS[me.role]})</span> : null}
              </span>
              <button type="button" className="gt-header__signout" onClick={signOut}>
                Sign out
              </button>
            </div>
          ) : null}
        </div>
      </header>
      <section className="govuk-service-navigation gt-service-nav" aria-label="Service information">
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container">
            <span className="govuk-service-navigation__service-name">
              <NavLink to="/" className="govuk-service-navigation__link">
                Golden Thread
              </NavLink>
            </span>
            {me ? (
              <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
                <ul className="govuk-service-navigation__list gt-nav-list">
                  <NavItem to="/" end>
                      Dashboard
                    </NavItem>
                  <NavItem to="/indicators">Indicators</NavItem>
                  {isStaff(me) ? <NavItem to="/plans">Plans</NavItem> : null}
                  {isStaff(me) ? <NavItem to="/actions">Actions</NavItem> : null}
                  {isStaff(me) ? <NavItem to="/risks">Risks</NavItem> : null}
                  {seesCommitments(me) ? <NavItem to="/commitments">Commitments</NavItem> : null}
                  {isStaff(me) ? <NavItem to="/appraisals">Appraisals</NavItem> : null}
                  {canEnterData(me) ? (
                    <NavItem to="/data-entry">Data entry</NavItem>
                  ) : null}
                  {canImport(me) ? <NavItem to="/imports">Import and export</NavItem> : null}
                  {isStaff(me) ? <NavItem to="/calendar">Calendar</NavItem> : null}
                  {isStaff(me) ? <NavItem to="/reports/ipr">Performance report</NavItem> : null}
                  {isPerformanceTeam(me) ? (
                    <NavItem to="/admin" except="/admin/users">
                      Register administration
                    </NavItem>
                  ) : null}
                  {isPerformanceTeam(me) ? <NavItem to="/late-data">Late data</NavItem> : null}
                  {isPerformanceTeam(me) ? <NavItem to="/clients">API clients</NavItem> : null}
                  {isAdmin(me) ? <NavItem to="/admin/users">Staff accounts</NavItem> : null}
                </ul>
              </nav>
            ) : null}
          </div>
        </div>
      </section>
    </>
  );
}

export function Footer() {
  return (
    <footer className="gt-footer">
      <div className="govuk-width-container">
        <div className="gt-footer__meta">
          <div>
            <h2 className="govuk-visually-hidden">About this service</h2>
            <p className="govuk-body-s govuk-!-margin-bottom-0">
              Golden Thread performance management. Status is worked out from the figures: the explanation beside each
              status says why.
            </p>
          </div>
          <div>
            <a className="govuk-link" href="/public">
              How the council is doing
            </a>
            {' · '}
            <a className="govuk-link" href="/docs">
              API documentation
            </a>
          </div>
        </div>
      </div>
    </footer>
  );
}

export function Layout() {
  return (
    <div className="gt-page">
      <RouteFocus />
      <Header />
      <div className="govuk-width-container gt-width">
        <ApiBanner />
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      <Footer />
    </div>
  );
}
