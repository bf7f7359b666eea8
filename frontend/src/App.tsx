import { lazy, Suspense } from 'react';
import { Route, Routes, useSearchParams } from 'react-router';
import { useAllIndicators, useLatestPeriod, useOrgUnits, useStatus, useUsers } from './api/queries';
import { Layout } from './components/Layout';
import { Loading } from './components/Status';
import { RequireAuth, RequireRole } from './auth/RequireAuth';
import { canEnterData, canImport, isAdmin, isPerformanceTeam, isStaff } from './auth/roles';
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
const UsersPage = lazy(() => import('./pages/Users'));
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

// Who may use each group of pages, shared by the routes of the group.
const REGISTER_ADMIN = { allow: isPerformanceTeam, what: 'Register administration', who: 'the performance team' };
const COMMITMENTS = { allow: seesCommitments, what: 'Commitments', who: 'managers and the performance team' };
const APPRAISALS = { allow: isStaff, what: 'Appraisals', who: 'council staff' };
const STAFF_ACCOUNTS = { allow: isAdmin, what: 'Staff accounts', who: 'administrators' };

/** Signed in, and of a role that may use the page (a plain explanation otherwise). */
function Restricted({
  children,
  ...role
}: { children: React.ReactNode } & Omit<React.ComponentProps<typeof RequireRole>, 'children'>) {
  return (
    <Authed>
      <RequireRole {...role}>{children}</RequireRole>
    </Authed>
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
        <Route path="/data-entry" element={<Restricted allow={canEnterData} what="Data entry"><DataEntryPage /></Restricted>} />
        <Route path="/admin" element={<Restricted {...REGISTER_ADMIN}><AdminPage /></Restricted>} />
        <Route path="/admin/indicators/new" element={<Restricted {...REGISTER_ADMIN}><IndicatorFormPage /></Restricted>} />
        <Route path="/admin/indicators/:id/edit" element={<Restricted {...REGISTER_ADMIN}><IndicatorFormPage /></Restricted>} />
        <Route path="/admin/indicators/:id/targets" element={<Restricted {...REGISTER_ADMIN}><TargetsPage /></Restricted>} />
        <Route path="/admin/users" element={<Restricted {...STAFF_ACCOUNTS}><UsersPage /></Restricted>} />
        <Route path="/imports" element={<Restricted allow={canImport} what="Importing figures"><ImportsPage /></Restricted>} />
        <Route path="/calendar" element={<Restricted allow={isStaff} what="The annual cycle" who="council staff"><CalendarPage /></Restricted>} />
        <Route path="/late-data" element={<Restricted allow={isPerformanceTeam} what="The late-data view" who="the performance team"><LateDataPage /></Restricted>} />
        <Route path="/clients" element={<Restricted allow={isPerformanceTeam} what="Partner API clients" who="the performance team"><ClientsPage /></Restricted>} />
        <Route path="/reports/ipr" element={<Restricted allow={isStaff} what="The integrated performance report" who="council staff and councillors"><IprPage /></Restricted>} />
        <Route path="/plans" element={<Authed><PlansPage /></Authed>} />
        <Route path="/plans/orphans" element={<Authed><OrphansPage /></Authed>} />
        <Route path="/plans/:id" element={<Authed><PlanPage /></Authed>} />
        <Route path="/objectives/:id" element={<Authed><ObjectivePage /></Authed>} />
        <Route path="/actions" element={<Authed><ActionsPage /></Authed>} />
        <Route path="/actions/:id" element={<Authed><ActionPage /></Authed>} />
        <Route path="/risks" element={<Authed><RisksPage /></Authed>} />
        <Route path="/risks/:id" element={<Authed><RiskPage /></Authed>} />
        <Route path="/commitments" element={<Restricted {...COMMITMENTS}><CommitmentsPage /></Restricted>} />
        <Route path="/commitments/:id" element={<Restricted {...COMMITMENTS}><CommitmentPage /></Restricted>} />
        <Route path="/appraisals" element={<Restricted {...APPRAISALS}><AppraisalsPage /></Restricted>} />
        <Route path="/appraisals/completion" element={<Restricted allow={isPerformanceTeam} what="Appraisal completion rates" who="the performance team"><CompletionPage /></Restricted>} />
        <Route path="/appraisals/:id" element={<Restricted {...APPRAISALS}><AppraisalPage /></Restricted>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
