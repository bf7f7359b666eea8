import { lazy, Suspense } from 'react';
import { Route, Routes, useSearchParams } from 'react-router';
import { useAllIndicators, useLatestPeriod, useOrgUnits, useStatus, useUsers } from './api/queries';
import { Layout } from './components/Layout';
import { Loading } from './components/Status';
import { RequireAuth, RequireRole } from './auth/RequireAuth';
import { canEnterData, canImport, isPerformanceTeam, isStaff } from './auth/roles';
import { seesCommitments } from './auth/planningRoles';
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
const ImportsPage = lazy(() => import('./pages/Imports'));
const ClientsPage = lazy(() => import('./pages/Clients'));
const CalendarPage = lazy(() => import('./pages/Calendar'));
const LateDataPage = lazy(() => import('./pages/LateData'));
const IprPage = lazy(() => import('./pages/IprPage'));
const PublicPerformancePage = lazy(() => import('./pages/PublicPerformance'));
// The golden thread: plans, objectives, actions, risks, commitments, appraisals.
const PlansPage = lazy(() => import('./pages/Plans'));
const OrphansPage = lazy(() => import('./pages/Plans').then((m) => ({ default: m.OrphansPage })));
const PlanPage = lazy(() => import('./pages/PlanPage'));
const ObjectivePage = lazy(() => import('./pages/ObjectivePage'));
const ActionsPage = lazy(() => import('./pages/Actions'));
const ActionPage = lazy(() => import('./pages/ActionPage'));
const RisksPage = lazy(() => import('./pages/Risks'));
const RiskPage = lazy(() => import('./pages/RiskPage'));
const CommitmentsPage = lazy(() => import('./pages/Commitments'));
const CommitmentPage = lazy(() => import('./pages/CommitmentPage'));
const AppraisalsPage = lazy(() => import('./pages/Appraisals'));
const AppraisalPage = lazy(() => import('./pages/Appraisals').then((m) => ({ default: m.AppraisalPage })));
const CompletionPage = lazy(() => import('./pages/Appraisals').then((m) => ({ default: m.CompletionPage })));

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
        {/* The public performance page: no sign-in. */}
        <Route path="/public" element={<Lazy><PublicPerformancePage /></Lazy>} />
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
        <Route
          path="/imports"
          element={
            <Authed>
              <RequireRole allow={canImport} what="Importing figures">
                <ImportsPage />
              </RequireRole>
            </Authed>
          }
        />
        <Route
          path="/calendar"
          element={
            <Authed>
              <RequireRole allow={isStaff} what="The annual cycle" who="council staff">
                <CalendarPage />
              </RequireRole>
            </Authed>
          }
        />
        <Route
          path="/late-data"
          element={
            <Authed>
              <RequireRole allow={isPerformanceTeam} what="The late-data view" who="the performance team">
                <LateDataPage />
              </RequireRole>
            </Authed>
          }
        />
        <Route
          path="/clients"
          element={
            <Authed>
              <RequireRole allow={isPerformanceTeam} what="Partner API clients" who="the performance team">
                <ClientsPage />
              </RequireRole>
            </Authed>
          }
        />
        <Route
          path="/reports/ipr"
          element={
            <Authed>
              <RequireRole allow={isStaff} what="The integrated performance report" who="council staff and councillors">
                <IprPage />
              </RequireRole>
            </Authed>
          }
        />
        <Route path="/plans" element={<Authed><PlansPage /></Authed>} />
        <Route path="/plans/orphans" element={<Authed><OrphansPage /></Authed>} />
        <Route path="/plans/:id" element={<Authed><PlanPage /></Authed>} />
        <Route path="/objectives/:id" element={<Authed><ObjectivePage /></Authed>} />
        <Route path="/actions" element={<Authed><ActionsPage /></Authed>} />
        <Route path="/actions/:id" element={<Authed><ActionPage /></Authed>} />
        <Route path="/risks" element={<Authed><RisksPage /></Authed>} />
        <Route path="/risks/:id" element={<Authed><RiskPage /></Authed>} />
        <Route
          path="/commitments"
          element={
            <Authed>
              <RequireRole allow={seesCommitments} what="Commitments" who="managers and the performance team">
                <CommitmentsPage />
              </RequireRole>
            </Authed>
          }
        />
        <Route
          path="/commitments/:id"
          element={
            <Authed>
              <RequireRole allow={seesCommitments} what="Commitments" who="managers and the performance team">
                <CommitmentPage />
              </RequireRole>
            </Authed>
          }
        />
        <Route path="/appraisals" element={<Authed><RequireRole allow={isStaff} what="Appraisals" who="council staff"><AppraisalsPage /></RequireRole></Authed>} />
        <Route
          path="/appraisals/completion"
          element={
            <Authed>
              <RequireRole allow={isPerformanceTeam} what="Appraisal completion rates" who="the performance team">
                <CompletionPage />
              </RequireRole>
            </Authed>
          }
        />
        <Route path="/appraisals/:id" element={<Authed><RequireRole allow={isStaff} what="Appraisals" who="council staff"><AppraisalPage /></RequireRole></Authed>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
