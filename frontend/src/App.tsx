import { lazy, Suspense } from 'react';
import { Route, Routes, useSearchParams } from 'react-router';
import { useAllIndicators, useLatestPeriod, useOrgUnits, useStatus, useUsers } from './api/queries';
import { Layout } from './components/Layout';
import { Loading } from './components/Status';
import { RequireAuth, RequireRole } from './auth/RequireAuth';
import { canEnterData, isPerformanceTeam } from './auth/roles';
import { SignInPage } from './pages/SignIn';
import { DashboardPage } from './pages/Dashboard';
import { NotFoundPage } from './pages/NotFound';

// The dashboard and sign-in are in the first bundle; the rest load when first visited.
const RegisterPage = lazy(() => import('./pages/Register'));
const IndicatorPage = lazy(() => import('./pages/IndicatorPage'));
const DataEntryPage = lazy(() => import('./pages/DataEntry'));
const AdminPage = lazy(() => import('./pages/Admin'));
const IndicatorFormPage = lazy(() => import('./pages/IndicatorForm'));
const TargetsPage = lazy(() => import('./pages/Targets'));

function Lazy({ children }: { children: React.ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** Starts the register's requests while its code is still loading (same query keys). */
function PrefetchRegister() {
  const [params] = useSearchParams();
  const chosen = params.get('period');
  const latest = useLatestPeriod(!chosen);
  useAllIndicators(params.get('retired') === '1' ? 'all' : 'active');
  useStatus(chosen ?? latest.data?.period);
  useOrgUnits();
  useUsers();
  return null;
}

function Authed({ children, prefetch }: { children: React.ReactNode; prefetch?: React.ReactNode }) {
  return (
    <RequireAuth>
      {prefetch}
      <Lazy>{children}</Lazy>
    </RequireAuth>
  );
}

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/" element={<Authed><DashboardPage /></Authed>} />
        <Route
          path="/indicators"
          element={
            <Authed prefetch={<PrefetchRegister />}>
              <RegisterPage />
            </Authed>
          }
        />
        <Route path="/indicators/:id" element={<Authed><IndicatorPage /></Authed>} />
        <Route
          path="/data-entry"
          element={
            <Authed>
              <RequireRole allow={canEnterData} what="Data entry">
                <DataEntryPage />
              </RequireRole>
            </Authed>
          }
        />
        <Route
          path="/admin"
          element={
            <Authed>
              <RequireRole allow={isPerformanceTeam} what="Register administration" who="the performance team">
                <AdminPage />
              </RequireRole>
            </Authed>
          }
        />
        <Route
          path="/admin/indicators/new"
          element={
            <Authed>
              <RequireRole allow={isPerformanceTeam} what="Register administration" who="the performance team">
                <IndicatorFormPage />
              </RequireRole>
            </Authed>
          }
        />
        <Route
          path="/admin/indicators/:id/edit"
          element={
            <Authed>
              <RequireRole allow={isPerformanceTeam} what="Register administration" who="the performance team">
                <IndicatorFormPage />
              </RequireRole>
            </Authed>
          }
        />
        <Route
          path="/admin/indicators/:id/targets"
          element={
            <Authed>
              <RequireRole allow={isPerformanceTeam} what="Register administration" who="the performance team">
                <TargetsPage />
              </RequireRole>
            </Authed>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
