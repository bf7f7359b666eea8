import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { safeNext } from '../auth/session';
import { ApiError, errorMessage } from '../api/problem';
import { ErrorSummary, type SummaryError } from '../components/ErrorSummary';
import { TextField } from '../components/Fields';
import { usePageTitle } from '../components/Layout';

export function SignInPage() {
  const { token, me, signIn } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hasError = !!formError || Object.keys(errors).length > 0;
  usePageTitle('Sign in', hasError);

  if (token && me && !busy) return <Navigate to={next} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!username.trim()) found.username = 'Enter your username';
    if (!password) found.password = 'Enter your password';
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await signIn(username.trim(), password);
      navigate(next, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && (err.status === 400 || err.status === 401)) {
        setFormError('The username or password is not right. Check them and try again.');
      } else if (err instanceof ApiError && err.fieldErrors.length) {
        const fe: Record<string, string> = {};
        for (const f of err.fieldErrors) fe[f.field === 'password' ? 'password' : 'username'] = f.message;
        setErrors(fe);
      } else {
        setFormError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  }

  const summary: SummaryError[] = [
    ...(formError ? [{ target: 'username', text: formError }] : []),
    ...Object.entries(errors).map(([k, v]) => ({ target: k, text: v })),
  ];

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-one-half-from-desktop govuk-grid-column-two-thirds">
        {params.get('expired') ? (
          <div className="govuk-notification-banner" role="region" aria-labelledby="expired-title" data-testid="session-expired">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="expired-title">
                Important
              </h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">Your session has ended. Sign in again to carry on where you were.</p>
            </div>
          </div>
        ) : null}
        {params.get('signed_out') ? (
          <div className="govuk-notification-banner govuk-notification-banner--success" role="region" aria-labelledby="signed-out-title">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="signed-out-title">
                Success
              </h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">You have signed out.</p>
            </div>
          </div>
        ) : null}
        <ErrorSummary errors={summary} />
        <h1 className="govuk-heading-l">Sign in to Golden Thread</h1>
        <p className="govuk-body">Use the username and password your council gave you.</p>
        <form onSubmit={submit} noValidate>
          <TextField
            id="username"
            label="Username"
            autoComplete="username"
            spellCheck={false}
            autoCapitalize="none"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            error={errors.username}
            width="govuk-!-width-two-thirds"
          />
          <TextField
            id="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.password}
            width="govuk-!-width-two-thirds"
          />
          <button type="submit" className="govuk-button" disabled={busy} aria-disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </div>
  );
}
